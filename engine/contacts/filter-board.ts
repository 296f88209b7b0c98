import { BOARD_STATUSES, type BoardStatus } from './board-status.ts';
import type { BoardRow } from './list-board.ts';

/** The board's filters, as read from a query string. */
export interface BoardFilter {
  readonly status?: BoardStatus;
  /** A value of the round's board group attribute (e.g. a region's name). */
  readonly group?: string;
  /** Free text: matches the respondent's code or name, or the contact's name or e-mail. */
  readonly q?: string;
}

/** The filtered rows and the counts per status (under the group and text filters, before the status filter). */
export interface FilteredBoard {
  readonly rows: readonly BoardRow[];
  readonly counts: ReadonlyArray<{ readonly status: BoardStatus; readonly label: string; readonly count: number }>;
  /** Rows under the group and text filters. */
  readonly total: number;
}

/**
 * Filters the board and counts each status, so the counts tell what a status filter would show.
 * @param rows the whole board
 * @param filter the filters
 * @returns rows and counts
 */
export function filterBoard(rows: readonly BoardRow[], filter: BoardFilter): FilteredBoard {
  const q = filter.q?.trim().toLowerCase() ?? '';
  const base = rows.filter(
    (r) =>
      (!filter.group || r.group === filter.group) &&
      (!q ||
        r.code.includes(q) ||
        r.navn.toLowerCase().includes(q) ||
        (r.contact?.navn.toLowerCase().includes(q) ?? false) ||
        (r.contact?.email.toLowerCase().includes(q) ?? false)),
  );
  const counts = BOARD_STATUSES.map((s) => ({ ...s, count: base.filter((r) => r.status === s.status).length }));
  return { rows: filter.status ? base.filter((r) => r.status === filter.status) : base, counts, total: base.length };
}
