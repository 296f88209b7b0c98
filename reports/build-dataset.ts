import { truthy } from '../engine/index.ts';
import type { Cell } from './cell.ts';
import type { CompiledDataset, CompiledReport } from './compile-report.ts';
import { createDatasetBuilder } from './create-dataset-builder.ts';
import type { Respondent } from './respondents.ts';
import type { SubmittedReport } from './submitted-report.ts';

/** What a row stands for: one of several items, a respondent's only item (or its one row), a total of several, or a respondent that has not reported. */
export type RowKind = 'item' | 'single' | 'total' | 'missing';

/**
 * A dataset row: the columns by key, plus `$kind` and `$respondent`, which JSON Logic in the spec
 * reads like any column. Values are raw (codes, not labels); outputs label them.
 */
export type DatasetRow = Record<string, Cell> & { readonly $kind: RowKind; readonly $respondent: string };

/** What a dataset is built from besides the compiled spec. */
export interface DatasetInput {
  /** The latest report per respondent code. */
  readonly latest: ReadonlyMap<string, SubmittedReport>;
  /** The respondents, in order; by default the round's population. */
  readonly respondents?: readonly Respondent[];
  readonly timeZone: string;
  /** The address of a respondent's public page, or null. */
  readonly linkTo?: (respondent: string) => string | null;
}

/**
 * Builds a dataset's rows: for each respondent in code order, one row per item of its answer's
 * list (or one row per respondent), a total row after the items when it has several, and a row
 * for a respondent that has not reported when the dataset asks for one (see createDatasetBuilder).
 * @param report the compiled report spec
 * @param dataset the dataset to build
 * @param input the latest reports and how to date and link them
 * @returns the rows
 */
export function buildDataset(report: CompiledReport, dataset: CompiledDataset, input: DatasetInput): DatasetRow[] {
  const builder = createDatasetBuilder(report, dataset, input);
  for (const sub of input.latest.values()) builder.add(sub);
  return builder.rows();
}

const SELECTIONS = {
  respondents: new Set<RowKind>(['single', 'total']),
  items: new Set<RowKind>(['single', 'item']),
  obliged: new Set<RowKind>(['single', 'total', 'missing']),
  missing: new Set<RowKind>(['missing']),
  all: new Set<RowKind>(['single', 'item', 'total', 'missing']),
} as const;

/**
 * The kinds of row a selection reads.
 * @param selection which kinds of row
 * @returns the kinds
 */
export const rowKinds = (selection: keyof typeof SELECTIONS): ReadonlySet<RowKind> => SELECTIONS[selection];

/**
 * Picks the rows a figure, breakdown or chart reads.
 * @param rows a dataset's rows
 * @param selection which kinds of row
 * @param where an optional compiled filter over a row
 * @param ctx the round context JSON Logic reads
 * @returns the rows
 */
export function selectRows(
  rows: readonly DatasetRow[],
  selection: keyof typeof SELECTIONS,
  where: ((row: unknown, ctx: CompiledReport['context']) => unknown) | null,
  ctx: CompiledReport['context'],
): DatasetRow[] {
  const kinds = SELECTIONS[selection];
  const out: DatasetRow[] = [];
  for (const r of rows) if (kinds.has(r.$kind) && (!where || truthy(where(r, ctx)))) out.push(r);
  return out;
}
