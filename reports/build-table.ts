import { buildDataDictionary, type DictionaryEntry } from './build-data-dictionary.ts';
import { buildDataset, type DatasetRow, type RowKind } from './build-dataset.ts';
import { asCell, type Cell } from './cell.ts';
import type { CompiledDataset, CompiledReport } from './compile-report.ts';
import { cellLabeller, rowLabeller } from './compute-figures.ts';
import { latestReports } from './latest-reports.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';
import type { SubmittedReport } from './submitted-report.ts';

export type { Cell } from './cell.ts';

/**
 * One row of a published table: every published column (labelled), plus the respondent's code,
 * the row's kind and the codes of the filter columns, which pages filter by. A table built from a
 * dataset labels a cell when it is read (see `labelledRows`); a stored table's rows are plain
 * objects. Both read alike by key; `tableRowValues` gives the plain object of either.
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
 * A maker of a table's rows over its dataset's rows: each row holds its dataset row and its filter
 * codes, and labels a published column when it is read (a getter per column on one shared
 * prototype). The table is written once (CSV, XLSX, JSON, stored) or shown a page at a time, so a
 * labelled copy of every row, about 285 bytes a row and 35 MB at 100 000 reports, held as long as
 * the table, labelled each cell once more than the writers read it. `toJSON` writes the row as the
 * labelled copy was written: the published columns in order, then `$respondent`, `$kind`, `$codes`.
 * @param ds the dataset
 * @param published the published columns' keys, in order
 * @returns dataset row and its codes → table row
 */
function labelledRows(ds: CompiledDataset, published: readonly string[]): (row: DatasetRow, codes: Readonly<Record<string, string | null>>) => TableRow {
  const label = rowLabeller(ds, published, ['$respondent', '$kind', '$codes']);
  // A column may be called `toJSON` (a name as good as any in the spec): its rows are then
  // labelled copies, as every table's were.
  if (published.includes('toJSON')) {
    return (row, codes) => {
      const out = label(row) as Record<string, unknown>;
      out.$respondent = row.$respondent;
      out.$kind = row.$kind;
      out.$codes = codes;
      return out as TableRow;
    };
  }
  class LabelledRow {
    constructor(
      readonly $source: DatasetRow,
      readonly $codes: Readonly<Record<string, string | null>>,
    ) {}
    get $respondent(): string {
      return this.$source.$respondent;
    }
    get $kind(): RowKind {
      return this.$source.$kind;
    }
    toJSON(): Record<string, unknown> {
      const out = label(this.$source) as Record<string, unknown>;
      out.$respondent = this.$source.$respondent;
      out.$kind = this.$source.$kind;
      out.$codes = this.$codes;
      return out;
    }
  }
  for (const key of published) {
    const cell = cellLabeller(ds, key);
    Object.defineProperty(LabelledRow.prototype, key, {
      get(this: LabelledRow) {
        return cell(this.$source[key]);
      },
      enumerable: true,
    });
  }
  return (row, codes) => new LabelledRow(row, codes) as unknown as TableRow;
}

/**
 * A table row as a plain object, for a copy that adds to it (`{ ...tableRowValues(r), … }`): a
 * built table's row labels its cells on reading and has none of its own.
 * @param row a row of a built or a stored table
 * @returns the row's published columns (labelled), `$respondent`, `$kind` and `$codes`
 */
export function tableRowValues(row: TableRow): Record<string, unknown> {
  const own = row as { toJSON?: () => Record<string, unknown> };
  return typeof own.toJSON === 'function' ? own.toJSON() : { ...row };
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
  const make = labelledRows(ds, published);
  const codesOf = codeInterner(filterKeys);
  const out: TableRow[] = new Array<TableRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = make(r, codesOf(r));
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
