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
  const out: TableRow[] = [];
  rows.forEach((r, i) => {
    const row = label(r) as Record<string, unknown>;
    row.$respondent = r.$respondent;
    row.$kind = r.$kind;
    row.$codes = Object.fromEntries(filterKeys.map((k) => [k, r[k] === null || r[k] === undefined ? null : String(r[k])]));
    out.push(row as TableRow);
    if (input.onProgress && (i + 1) % 1000 === 0) input.onProgress(i + 1, rows.length);
  });
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
