import type { JsonSchema } from '../engine/index.ts';
import { buildDataDictionary, type DictionaryEntry } from './build-data-dictionary.ts';
import { latestReports } from './latest-reports.ts';
import type { Enhed, SubmittedReport } from './maaltal-answer.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';
import { STATUS_LABELS, TABLE_COLUMNS, type ColumnKey, type StatusKode } from './table-columns.ts';

/** A cell: text, number, yes/no, or empty. */
export type Cell = string | number | boolean | null;

/** One row of the published table: every column, plus the codes the filters use. */
export type TableRow = { readonly [K in ColumnKey]: Cell } & {
  readonly statusKode: StatusKode;
  readonly regionskode: string;
};

/** The published table: its dictionary (column order) and rows. */
export interface PublishedTable {
  readonly columns: readonly DictionaryEntry[];
  readonly rows: readonly TableRow[];
}

/** What the table is built from. */
export interface TableInput {
  readonly round: ReportRound;
  /** The report form's schema (`registry.form(round, 'maaltal').schema`). */
  readonly schema: JsonSchema;
  readonly reports: readonly SubmittedReport[];
  readonly formName?: string;
  /** The address of a municipality's full report, or null for none. */
  readonly linkTo?: (kommunekode: string) => string | null;
  /** Called now and then on long runs with rows done and total. */
  readonly onProgress?: (done: number, total: number) => void;
}

function localDate(iso: string, timeZone: string, cache: Map<string, Intl.DateTimeFormat>): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  let f = cache.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD, the ISO form the CSV and JSON carry.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    cache.set(timeZone, f);
  }
  return f.format(d);
}

const asCell = (v: unknown): Cell =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : null;

/**
 * Builds the published table: one row per reporting municipality's unit, and one row for each
 * municipality that has not reported, sorted by kommunekode and unit.
 * @param input round, schema, reports and link maker
 * @returns the columns (as the data dictionary) and rows, or the columns the schema lacks
 */
export function buildTable(input: TableInput): { table: PublishedTable; problems: readonly string[] } {
  const { round, schema, reports } = input;
  const facts = roundFacts(round, input.formName ?? 'maaltal');
  const dictionary = buildDataDictionary(schema);
  const kommuner = round.tables.kommuner ?? {};
  const latest = latestReports(reports, kommuner);
  const dates = new Map<string, Intl.DateTimeFormat>();
  const codes = Object.keys(kommuner).sort();
  const readers = TABLE_COLUMNS.map((c) => {
    const src = c.source;
    const labels = dictionary.entries.find((e) => e.noegle === c.key)?.vaerdier ?? null;
    const label = (v: Cell): Cell => (labels && typeof v === 'string' && v in labels ? labels[v]! : v);
    if (src.kind === 'svar' && src.path.startsWith('enheder[].')) {
      const segs = src.path.slice('enheder[].'.length).split('.');
      return (unit: Enhed | undefined): Cell => {
        let cur: unknown = unit;
        for (const s of segs) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
        return label(asCell(cur));
      };
    }
    return undefined;
  });

  const rows: TableRow[] = [];
  let done = 0;
  for (const code of codes) {
    const kommune = kommuner[code] ?? {};
    const report = latest.get(code);
    const units: ReadonlyArray<Enhed | undefined> = report ? report.answers.enheder : [undefined];
    for (const unit of units) {
      // Filled in place and pushed as is: a spread copy per row doubled the table's memory at 100 000 rows.
      const row: Record<string, Cell> = {};
      const statusKode: StatusKode = !unit ? 'ikkeIndberettet' : unit.ligelig ? 'ligelig' : 'ikkeLigelig';
      TABLE_COLUMNS.forEach((c, i) => {
        const read = readers[i];
        if (read) {
          row[c.key] = read(unit);
          return;
        }
        const src = c.source;
        switch (src.kind) {
          case 'svar':
            row[c.key] = src.path === 'kommunekode' ? code : null;
            break;
          case 'tabel':
            row[c.key] = round.tables[src.table]?.[code]?.[src.column] ?? null;
            break;
          case 'runde':
            row[c.key] = asCell((round.settings as Record<string, unknown>)[src.key]);
            break;
          case 'afledt':
            row[c.key] =
              c.key === 'status'
                ? STATUS_LABELS[statusKode]
                : c.key === 'indsendt'
                  ? report
                    ? localDate(report.submittedAt, facts.tidszone, dates)
                    : null
                  : report && input.linkTo
                    ? input.linkTo(code)
                    : null;
            break;
        }
      });
      row.statusKode = statusKode;
      row.regionskode = kommune.regionskode ?? '';
      rows.push(row as TableRow);
    }
    if (input.onProgress && ++done % 1000 === 0) input.onProgress(done, codes.length);
  }
  input.onProgress?.(codes.length, codes.length);
  return { table: { columns: dictionary.entries, rows }, problems: dictionary.problems };
}
