import { buildDataDictionary, type DictionaryEntry } from './build-data-dictionary.ts';
import { buildDataset, type DatasetRow, type RowKind } from './build-dataset.ts';
import { asCell, type Cell } from './cell.ts';
import type { CompiledReport } from './compile-report.ts';
import { rowLabeller } from './compute-figures.ts';
import { latestReports } from './latest-reports.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';
import type { SubmittedReport } from './submitted-report.ts';

export type { Cell } from './cell.ts';

/**
 * One row of a published table: every published column (labelled), plus the respondent's code,
 * the row's kind and the codes of the filter columns, which pages filter by.
 */
export interface TableRow {
  readonly [column: string]: unknown;
  readonly $respondent: string;
  readonly $kind: RowKind;
  readonly $codes: Readonly<Record<string, string | null>>;
}

/**
 * A column's cell of a table row.
 * @param row the row
 * @param key the column's key
 * @returns the cell, empty where the row has none
 */
export const cellAt = (row: TableRow, key: string): Cell => asCell(row[key]);

/** A filter of the table page: a column and the choices its labels give. */
export interface TableFilter {
  readonly noegle: string;
  readonly overskrift: string;
  readonly valg: ReadonlyArray<{ readonly vaerdi: string; readonly navn: string }>;
}

/** A published table: its dataset, dictionary (column order), filters and rows. */
export interface PublishedTable {
  readonly dataset: string;
  readonly columns: readonly DictionaryEntry[];
  readonly filters: readonly TableFilter[];
  readonly rows: readonly TableRow[];
}

/** What a table is built from. */
export interface TableInput {
  readonly report: CompiledReport;
  readonly round: ReportRound;
  /** The dataset shown. */
  readonly dataset: string;
  readonly filters?: readonly string[];
  /** The submitted reports; not read when `rows` is given. */
  readonly reports?: readonly SubmittedReport[];
  /**
   * The dataset's rows when they are built already (`buildAllDatasets(…).get(dataset)`, with the
   * same `linkTo`), so a memo and its tables build each dataset once.
   */
  readonly rows?: readonly DatasetRow[];
  /** The address of a respondent's full report, or null for none; not read when `rows` is given. */
  readonly linkTo?: (respondent: string) => string | null;
  /** Called now and then on long runs with rows done and total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Distinct combinations of filter codes shared between rows; past this many, each row gets its own object. */
const SHARED_CODES = 4096;

/**
 * A maker of a row's filter codes (`$codes`): one frozen object per distinct combination of
 * codes, shared by every row that has it. Filters are columns with labels, so a table of 100 000
 * rows has a few dozen combinations, not 100 000 objects.
 * @param keys the filter columns
 * @returns row → column key → code (or null)
 */
function codeInterner(keys: readonly string[]): (row: DatasetRow) => Readonly<Record<string, string | null>> {
  const template = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, string | null>;
  const seen = new Map<string, Readonly<Record<string, string | null>>>();
  const codes: (string | null)[] = new Array<string | null>(keys.length).fill(null);
  return (row) => {
    let id = '';
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]!];
      const code = v === null || v === undefined ? null : String(v);
      codes[i] = code;
      // Each code is written with its length, so no two combinations share an id.
      id += code === null ? '-|' : `${code.length}:${code}|`;
    }
    const hit = seen.get(id);
    if (hit) return hit;
    const made = { ...template };
    for (let i = 0; i < keys.length; i++) made[keys[i]!] = codes[i]!;
    const frozen = Object.freeze(made);
    if (seen.size < SHARED_CODES) seen.set(id, frozen);
    return frozen;
  };
}

/**
 * Builds a published table from a dataset of the report spec: its published columns labelled from
 * the schema's value titles, one row per dataset row in respondent order.
 * @param input the compiled spec, the dataset, the reports and the link maker
 * @returns the table
 */
export function buildTable(input: TableInput): PublishedTable {
  const { report, round } = input;
  const ds = report.datasets.get(input.dataset);
  if (!ds) throw new Error(`datasættet "${input.dataset}" findes ikke i rapportspecifikationen`);
  const rows =
    input.rows ??
    buildDataset(report, ds, {
      latest: latestReports(input.reports ?? [], report.population.byKey),
      timeZone: roundFacts(round, report.formName).tidszone,
      ...(input.linkTo ? { linkTo: input.linkTo } : {}),
    });
  const filterKeys = input.filters ?? [];
  const published = ds.columns.filter((c) => c.publish).map((c) => c.key);
  const label = rowLabeller(ds, published, ['$respondent', '$kind', '$codes']);
  const codesOf = codeInterner(filterKeys);
  const out: TableRow[] = new Array<TableRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const row = label(r) as Record<string, unknown>;
    row.$respondent = r.$respondent;
    row.$kind = r.$kind;
    row.$codes = codesOf(r);
    out[i] = row as TableRow;
    if (input.onProgress && (i + 1) % 1000 === 0) input.onProgress(i + 1, rows.length);
  }
  input.onProgress?.(rows.length, rows.length);
  return {
    dataset: ds.name,
    columns: buildDataDictionary(ds),
    filters: filterKeys.map((k) => {
      const col = ds.byKey.get(k)!;
      return { noegle: k, overskrift: col.title, valg: Object.entries(col.labels ?? {}).map(([vaerdi, navn]) => ({ vaerdi, navn })) };
    }),
    rows: out,
  };
}
