import type { DictionaryEntry } from './build-data-dictionary.ts';
import type { Cell, PublishedTable, TableRow } from './build-table.ts';
import type { ReportRound } from './report-round.ts';
import { STATUS_LABELS, type ColumnKey, type StatusKode } from './table-columns.ts';

/** Filters and sort order, as read from the page's query string. */
export interface TableQuery {
  readonly region?: string;
  readonly status?: string;
  readonly sorter?: string;
  readonly retning?: string;
}

/** A column heading with its sort state and the link that sorts by it. */
export interface ColumnView {
  readonly overskrift: string;
  readonly beskrivelse: string;
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

/** Everything the table page templates may show (context kind `tabel`). */
export interface TableViewContext {
  readonly runde: { readonly id: string; readonly titel: string };
  readonly genereret: string;
  readonly kolonner: { readonly [K in ColumnKey]: ColumnView };
  readonly ordbog: readonly DictionaryEntry[];
  readonly raekker: readonly TableRow[];
  readonly filter: {
    readonly region: string;
    readonly status: string;
    readonly sorter: string;
    readonly retning: 'stigende' | 'faldende';
    readonly regioner: readonly Choice[];
    readonly statusser: readonly Choice[];
    readonly aktiv: boolean;
  };
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
 * Filters and sorts the table for the page; every link is a plain query string, so the page sorts
 * and filters without JavaScript.
 * @param table the published table
 * @param round the round (regions for the filter)
 * @param q filter and sort from the query string; unknown values are ignored
 * @param options moment of making and download links
 * @returns the page context
 */
export function buildTableView(
  table: PublishedTable,
  round: ReportRound,
  q: TableQuery,
  options: { generatedAt: string; files?: TableViewContext['filer'] },
): TableViewContext {
  const regioner = round.tables.regioner ?? {};
  const region = q.region && Object.hasOwn(regioner, q.region) ? q.region : '';
  const status = q.status && Object.hasOwn(STATUS_LABELS, q.status) ? q.status : '';
  const keys = table.columns.map((c) => c.noegle);
  const sorter = q.sorter && (keys as string[]).includes(q.sorter) ? (q.sorter as ColumnKey) : '';
  const retning = q.retning === 'faldende' ? 'faldende' : 'stigende';

  let rows = table.rows.filter((r) => (region === '' || r.regionskode === region) && (status === '' || r.statusKode === status));
  if (sorter !== '') {
    const sign = retning === 'faldende' ? -1 : 1;
    rows = rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        const x = a.r[sorter];
        const y = b.r[sorter];
        if (x === null || y === null) return compare(x, y) || a.i - b.i;
        return sign * compare(x, y) || a.i - b.i;
      })
      .map((e) => e.r);
  }
  const kolonner = Object.fromEntries(
    table.columns.map((c) => {
      const active = sorter === c.noegle;
      const next = active && retning === 'stigende' ? 'faldende' : 'stigende';
      return [
        c.noegle,
        {
          overskrift: c.overskrift,
          beskrivelse: c.beskrivelse,
          sortering: active ? (retning === 'stigende' ? 'ascending' : 'descending') : 'none',
          href: query({ region, status, sorter: c.noegle, retning: next }),
        },
      ];
    }),
  ) as TableViewContext['kolonner'];

  return {
    runde: { id: round.id, titel: round.title },
    genereret: options.generatedAt,
    kolonner,
    ordbog: table.columns,
    raekker: rows,
    filter: {
      region,
      status,
      sorter,
      retning,
      regioner: Object.keys(regioner)
        .sort()
        .map((k) => ({ vaerdi: k, navn: regioner[k]?.regionsnavn ?? k, valgt: k === region })),
      statusser: (Object.keys(STATUS_LABELS) as StatusKode[]).map((k) => ({ vaerdi: k, navn: STATUS_LABELS[k], valgt: k === status })),
      aktiv: region !== '' || status !== '',
    },
    antal: { vist: rows.length, ialt: table.rows.length },
    filer: options.files ?? null,
  };
}
