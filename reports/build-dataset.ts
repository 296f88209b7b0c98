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
  // The last answer is kept: a respondent's item rows and total ask for the same moment in turn,
  // and formatting in a time zone costs about a microsecond each time.
  let lastIso: string | undefined;
  let last: string | null = null;
  return (iso) => {
    if (iso === lastIso) return last;
    const d = new Date(iso);
    lastIso = iso;
    last = Number.isNaN(d.getTime()) ? null : f.format(d);
    return last;
  };
}

/**
 * A maker of empty rows for a dataset's columns, every row one copy of one template. Written key
 * by key (`row[key] = null`), an object past a dozen keys becomes a hash table in V8, about 3 KB a
 * row at 42 columns; a copy of a template parsed from JSON keeps its fixed layout, about 0.4 KB.
 * @param columns the dataset's columns
 * @returns the maker: each row has `$kind`, `$respondent` and then the columns, all null but the two
 */
function rowMaker(columns: readonly CompiledColumn[]): (kind: RowKind, respondent: string) => Record<string, Cell> {
  const keys = ['$kind', '$respondent', ...columns.map((c) => c.key)];
  const template = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, Cell>;
  return (kind, respondent) => {
    const row = { ...template };
    row.$kind = kind;
    row.$respondent = respondent;
    return row;
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
  const start = rowMaker(cols);
  // A respondent's link is asked for by each of its rows; the last one is kept, as for dates.
  let linkFor: string | undefined;
  let link: string | null = null;
  const linkOf = (key: string): string | null => {
    if (key !== linkFor) {
      linkFor = key;
      link = input.linkTo?.(key) ?? null;
    }
    return link;
  };

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
        return r.meta === 'submittedAt' ? date(sub.submittedAt) : linkOf(who.key);
      case 'compute':
        return asCell(r.fn(row, ctx));
    }
  };

  for (const who of input.respondents ?? report.population.list) {
    const sub = input.latest.get(who.key);
    if (!sub) {
      if (!dataset.spec.missing) continue;
      const row = start('missing', who.key);
      fill(row, who, undefined, undefined, null);
      rows.push(row as DatasetRow);
      continue;
    }
    if (!dataset.items) {
      const row = start('single', who.key);
      fill(row, who, sub, undefined, null);
      rows.push(row as DatasetRow);
      continue;
    }
    const list = read(sub.answers, dataset.items);
    const items = Array.isArray(list) ? list : [];
    if (items.length <= 1) {
      const row = start('single', who.key);
      fill(row, who, sub, items[0], null);
      rows.push(row as DatasetRow);
      continue;
    }
    const itemRows: Record<string, Cell>[] = [];
    for (const item of items) {
      const row = start('item', who.key);
      fill(row, who, sub, item, null);
      rows.push(row as DatasetRow);
      itemRows.push(row);
    }
    const total = start('total', who.key);
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
