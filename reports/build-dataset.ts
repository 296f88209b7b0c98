import { truthy } from '../engine/index.ts';
import { asCell, type Cell } from './cell.ts';
import type { CompiledColumn, CompiledDataset, CompiledReport } from './compile-report.ts';
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

const read = (value: unknown, segments: readonly string[]): unknown => {
  let cur = value;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
};

function dateIn(timeZone: string): (iso: string) => string | null {
  // en-CA writes dates as YYYY-MM-DD, the ISO form the CSV and JSON carry.
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : f.format(d);
  };
}

function aggregate(op: string, values: readonly Cell[]): Cell {
  const nums = values.filter((v): v is number => typeof v === 'number');
  switch (op) {
    case 'sum':
      return nums.length > 0 ? nums.reduce((a, b) => a + b, 0) : null;
    case 'min':
      return nums.length > 0 ? Math.min(...nums) : null;
    case 'max':
      return nums.length > 0 ? Math.max(...nums) : null;
    case 'all':
      return values.length > 0 && values.every((v) => v === true);
    case 'any':
      return values.some((v) => v === true);
    case 'first':
      return values[0] ?? null;
    case 'same':
      return values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : null;
    case 'count':
      return values.filter((v) => v !== null && v !== false).length;
    default:
      return null;
  }
}

/**
 * Builds a dataset's rows: for each respondent in code order, one row per item of its answer's
 * list (or one row per respondent), a total row after the items when it has several, and a row
 * for a respondent that has not reported when the dataset asks for one. Each column is filled
 * after the columns its JSON Logic reads, whatever their declared order.
 * @param report the compiled report spec
 * @param dataset the dataset to build
 * @param input the latest reports and how to date and link them
 * @returns the rows
 */
export function buildDataset(report: CompiledReport, dataset: CompiledDataset, input: DatasetInput): DatasetRow[] {
  const ctx = report.context;
  const date = dateIn(input.timeZone);
  const cols = dataset.columns;
  const order = dataset.fillOrder;
  const rows: DatasetRow[] = [];
  const label = dataset.spec.total?.label;

  const fill = (row: Record<string, Cell>, who: Respondent, sub: SubmittedReport | undefined, item: unknown, items: readonly Record<string, Cell>[] | null): void => {
    for (const c of order) row[c.key] = cell(c, row, who, sub, item, items);
  };
  const cell = (c: CompiledColumn, row: Record<string, Cell>, who: Respondent, sub: SubmittedReport | undefined, item: unknown, items: readonly Record<string, Cell>[] | null): Cell => {
    const r = c.reader;
    if (items && label && c.key === label.column) return label.text;
    if (items && c.total) {
      if (c.total.kind === 'logic') return asCell(c.total.fn({ items, row }, ctx));
      return aggregate(c.total.op, items.map((i) => i[c.key] ?? null));
    }
    switch (r.kind) {
      case 'item':
        return items || !sub ? null : asCell(read(item, r.segments));
      case 'answer':
        return sub ? asCell(read(sub.answers, r.segments)) : null;
      case 'respondent':
        return r.attribute === '$key' ? who.key : r.attribute === '$name' ? who.name : (who.attributes[r.attribute] ?? null);
      case 'round':
        return r.value;
      case 'meta':
        if (r.meta === 'reported') return sub !== undefined;
        if (!sub) return null;
        return r.meta === 'submittedAt' ? date(sub.submittedAt) : (input.linkTo?.(who.key) ?? null);
      case 'compute':
        return asCell(r.fn(row, ctx));
    }
  };

  const start = (kind: RowKind, who: Respondent): Record<string, Cell> => {
    // Every row gets the same keys in the same order, so V8 gives all rows one shape.
    const row: Record<string, Cell> = { $kind: kind, $respondent: who.key };
    for (const c of cols) row[c.key] = null;
    return row;
  };

  for (const who of input.respondents ?? report.population.list) {
    const sub = input.latest.get(who.key);
    if (!sub) {
      if (!dataset.spec.missing) continue;
      const row = start('missing', who);
      fill(row, who, undefined, undefined, null);
      rows.push(row as DatasetRow);
      continue;
    }
    if (!dataset.items) {
      const row = start('single', who);
      fill(row, who, sub, undefined, null);
      rows.push(row as DatasetRow);
      continue;
    }
    const list = read(sub.answers, dataset.items);
    const items = Array.isArray(list) ? list : [];
    if (items.length <= 1) {
      const row = start('single', who);
      fill(row, who, sub, items[0], null);
      rows.push(row as DatasetRow);
      continue;
    }
    const itemRows: Record<string, Cell>[] = [];
    for (const item of items) {
      const row = start('item', who);
      fill(row, who, sub, item, null);
      rows.push(row as DatasetRow);
      itemRows.push(row);
    }
    const total = start('total', who);
    fill(total, who, sub, undefined, itemRows);
    rows.push(total as DatasetRow);
  }
  return rows;
}

const SELECTIONS = {
  respondents: new Set<RowKind>(['single', 'total']),
  items: new Set<RowKind>(['single', 'item']),
  obliged: new Set<RowKind>(['single', 'total', 'missing']),
  missing: new Set<RowKind>(['missing']),
  all: new Set<RowKind>(['single', 'item', 'total', 'missing']),
} as const;

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
