import type { DictionaryEntry } from './build-data-dictionary.ts';
import { cellAt, tableRowValues, type Cell, type PublishedTable, type TableRow } from './build-table.ts';
import type { ReportRound } from './report-round.ts';

/** Filters and sort order, as read from the page's query string (filter column key → code). */
export type TableQuery = Readonly<Record<string, string>>;

/** A column heading with its sort state and the link that sorts by it. */
export interface ColumnView {
  readonly noegle: string;
  readonly overskrift: string;
  readonly beskrivelse: string;
  readonly type: string;
  /** The `aria-sort` value. */
  readonly sortering: 'ascending' | 'descending' | 'none';
  readonly href: string;
}

/** A choice in a filter list. */
export interface Choice {
  readonly vaerdi: string;
  readonly navn: string;
  readonly valgt: boolean;
}

/** A cell as the generic template prints it. */
export interface CellView {
  readonly vaerdi: Cell;
  readonly type: string;
}

/** A row of the page: the table row and its cells in column order. */
export type RowView = TableRow & { readonly celler: readonly CellView[] };

/** Everything the table page templates may show (context kind `tabel`). */
export interface TableViewContext {
  readonly runde: { readonly id: string; readonly titel: string };
  readonly titel: string;
  readonly genereret: string;
  /** The column headings by key, for templates that place columns themselves. */
  readonly kolonner: Readonly<Record<string, ColumnView>>;
  /** The same in order, for templates that show every column. */
  readonly kolonneliste: readonly ColumnView[];
  readonly ordbog: readonly DictionaryEntry[];
  readonly raekker: readonly RowView[];
  readonly filtre: ReadonlyArray<{ readonly noegle: string; readonly overskrift: string; readonly valgt: string; readonly valg: readonly Choice[] }>;
  readonly filter: { readonly sorter: string; readonly retning: 'stigende' | 'faldende'; readonly aktiv: boolean };
  readonly antal: { readonly vist: number; readonly ialt: number };
  /** Download links, or null where the page offers none (a file written by the command line). */
  readonly filer: null | { readonly csv: string; readonly xlsx: string; readonly json: string; readonly ordbog: string };
}

const collator = new Intl.Collator('da-DK', { numeric: true });

function compare(a: Cell, b: Cell): number {
  // Empty cells sort last in both directions' natural reading: they are placed after the others.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

function query(q: Record<string, string>): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '?';
}

/**
 * Filters and sorts a published table for its page; every link is a plain query string, so the
 * page sorts and filters without JavaScript.
 * @param table the published table
 * @param round the round
 * @param q filter and sort from the query string; unknown values are ignored
 * @param options the document's title, moment of making and download links
 * @returns the page context
 */
export function buildTableView(
  table: PublishedTable,
  round: ReportRound,
  q: TableQuery,
  options: { title?: string; generatedAt: string; files?: TableViewContext['filer'] },
): TableViewContext {
  const chosen: Record<string, string> = {};
  for (const f of table.filters) {
    const v = q[f.noegle];
    chosen[f.noegle] = typeof v === 'string' && f.valg.some((c) => c.vaerdi === v) ? v : '';
  }
  const keys = table.columns.map((c) => c.noegle);
  const sorter = q.sorter && keys.includes(q.sorter) ? q.sorter : '';
  const retning = q.retning === 'faldende' ? 'faldende' : 'stigende';

  let rows = table.rows.filter((r) => table.filters.every((f) => chosen[f.noegle] === '' || r.$codes[f.noegle] === chosen[f.noegle]));
  if (sorter !== '') {
    const sign = retning === 'faldende' ? -1 : 1;
    // Each row's cell is read once: a built table labels a cell on every reading.
    rows = rows
      .map((r, i) => ({ r, i, v: cellAt(r, sorter) }))
      .sort((a, b) => {
        const x = a.v;
        const y = b.v;
        if (x === null || y === null) return compare(x, y) || a.i - b.i;
        return sign * compare(x, y) || a.i - b.i;
      })
      .map((e) => e.r);
  }
  const kolonneliste: ColumnView[] = table.columns.map((c) => {
    const active = sorter === c.noegle;
    const next = active && retning === 'stigende' ? 'faldende' : 'stigende';
    return {
      noegle: c.noegle,
      overskrift: c.overskrift,
      beskrivelse: c.beskrivelse,
      type: c.type,
      sortering: active ? (retning === 'stigende' ? 'ascending' : 'descending') : 'none',
      href: query({ ...chosen, sorter: c.noegle, retning: next }),
    };
  });
  const types = table.columns.map((c) => c.type);
  return {
    runde: { id: round.id, titel: round.title },
    titel: options.title ?? round.title,
    genereret: options.generatedAt,
    kolonner: Object.fromEntries(kolonneliste.map((c) => [c.noegle, c])),
    kolonneliste,
    ordbog: table.columns,
    raekker: rows.map((r) => ({ ...(tableRowValues(r) as TableRow), celler: keys.map((k, i) => ({ vaerdi: cellAt(r, k), type: types[i]! })) })),
    filtre: table.filters.map((f) => ({
      noegle: f.noegle,
      overskrift: f.overskrift,
      valgt: chosen[f.noegle]!,
      valg: f.valg.map((c) => ({ ...c, valgt: c.vaerdi === chosen[f.noegle] })),
    })),
    filter: { sorter, retning, aktiv: Object.values(chosen).some((v) => v !== '') },
    antal: { vist: rows.length, ialt: table.rows.length },
    filer: options.files ?? null,
  };
}
