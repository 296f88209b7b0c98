import { asCell, type Cell } from './cell.ts';
import type { CompiledColumn, CompiledDataset, CompiledReport } from './compile-report.ts';
import type { DatasetRow, RowKind } from './build-dataset.ts';
import { respondentIndex } from './respondent-index.ts';
import type { Respondent } from './respondents.ts';
import type { SubmittedReport } from './submitted-report.ts';

/** What a dataset's rows are built from besides the compiled spec and the reports. */
export interface DatasetBuilderInput {
  /** The respondents, in order; reports of anyone else are left out. By default the round's population. */
  readonly respondents?: readonly Respondent[];
  readonly timeZone: string;
  /** The address of a respondent's public page, or null. */
  readonly linkTo?: (respondent: string) => string | null;
}

/** Builds a dataset's rows from reports handed to it one at a time, in any order. */
export interface DatasetBuilder {
  /**
   * Turns a report into its respondent's rows at once, so the caller can drop its answers: the
   * latest report per respondent (by the instant `submittedAt` names; on the same instant the one
   * added later) is kept, one of a respondent outside the list or with an unreadable time is not.
   */
  add(report: SubmittedReport): void;
  /** Every row, in the respondents' order, with a row for each one without a report where the dataset asks for it. */
  rows(): DatasetRow[];
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
  // Formatting in a time zone costs about a microsecond, and reports come in over a few weeks, so
  // the date is kept per quarter of an hour: every time zone's offset is whole quarters of an
  // hour, so a date starts on a quarter's boundary. A quarter whose first and last millisecond
  // fall on different dates (an offset changed inside it) is not kept, and its instants are
  // formatted one by one.
  const QUARTER = 15 * 60 * 1000;
  const byQuarter = new Map<number, string>();
  return (iso) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    // Near the ends of a Date's range a quarter's ends may lie outside it.
    if (Math.abs(ms) > 8.64e15 - QUARTER) return f.format(ms);
    const q = Math.floor(ms / QUARTER);
    const hit = byQuarter.get(q);
    if (hit !== undefined) return hit;
    const first = f.format(q * QUARTER);
    if (first !== f.format(q * QUARTER + QUARTER - 1)) return f.format(ms);
    // Bounded, for a round whose reports span years; past the bound a quarter is formatted again.
    if (byQuarter.size < 100_000) byQuarter.set(q, first);
    return first;
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
 * A builder of a dataset's rows: for each respondent in order, one row per item of its answer's
 * list (or one row per respondent), a total row after the items when it has several, and a row
 * for a respondent that has not reported when the dataset asks for one. Each column is filled
 * after the columns its JSON Logic reads, whatever their declared order. A report's rows are made
 * when it is added, so reports read from storage page by page need not all be held.
 * @param report the compiled report spec
 * @param dataset the dataset to build
 * @param input the respondents and how to date and link their rows
 * @returns the builder
 */
export function createDatasetBuilder(report: CompiledReport, dataset: CompiledDataset, input: DatasetBuilderInput): DatasetBuilder {
  const ctx = report.context;
  const date = dateIn(input.timeZone);
  const order = dataset.fillOrder;
  const label = dataset.spec.total?.label;
  const start = rowMaker(dataset.columns);
  const respondents = input.respondents ?? report.population.list;
  const people = respondentIndex(respondents);
  const index = people.position;
  // Per respondent: its rows (one row, or its items and total) and the instant of the report they came from.
  const built: (DatasetRow | DatasetRow[] | undefined)[] = new Array<undefined>(respondents.length).fill(undefined);
  const at = new Float64Array(respondents.length);
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

  // Each column's way to its value is chosen once, not per cell: one reader for a respondent's
  // item or only row, and one for a total row, where the label, total rule or an empty item wins.
  // `at` is the respondent's position in the list, where its attributes are read.
  type Reader = (row: Record<string, Cell>, who: Respondent, at: number, sub: SubmittedReport | undefined, item: unknown, items: readonly Record<string, Cell>[] | null) => Cell;
  const readerOf = (c: CompiledColumn): Reader => {
    const r = c.reader;
    switch (r.kind) {
      case 'item': {
        const segments = r.segments;
        return (_row, _who, _at, sub, item) => (sub ? asCell(read(item, segments)) : null);
      }
      case 'answer': {
        const segments = r.segments;
        return (_row, _who, _at, sub) => (sub ? asCell(read(sub.answers, segments)) : null);
      }
      case 'respondent': {
        const values = people.attribute(r.attribute);
        return (_row, _who, at) => values[at]!;
      }
      case 'round': {
        const value = r.value;
        return () => value;
      }
      case 'meta':
        if (r.meta === 'reported') return (_row, _who, _at, sub) => sub !== undefined;
        if (r.meta === 'submittedAt') return (_row, _who, _at, sub) => (sub ? date(sub.submittedAt) : null);
        return (_row, who, _at, sub) => (sub ? linkOf(who.key) : null);
      case 'compute': {
        const fn = r.fn;
        return (row) => asCell(fn(row, ctx));
      }
    }
  };
  const totalReaderOf = (c: CompiledColumn): Reader => {
    if (label && c.key === label.column) {
      const text = label.text;
      return () => text;
    }
    const total = c.total;
    if (total) {
      if (total.kind === 'logic') return (row, _who, _at, _sub, _item, items) => asCell(total.fn({ items, row }, ctx));
      const key = c.key;
      return (_row, _who, _at, _sub, _item, items) => aggregate(total.op, items!.map((i) => i[key] ?? null));
    }
    return c.reader.kind === 'item' ? () => null : readerOf(c);
  };
  const keys = order.map((c) => c.key);
  const plain = order.map(readerOf);
  const totals = order.map(totalReaderOf);
  // A row that is not a total reads its answer columns in line (no call per cell): the path's
  // segments in an item or in the answer. The other columns go through their readers.
  const INLINE_ITEM = 1;
  const INLINE_ANSWER = 2;
  const inline = Uint8Array.from(order, (c) => (c.reader.kind === 'item' ? INLINE_ITEM : c.reader.kind === 'answer' ? INLINE_ANSWER : 0));
  const segmentsOf = order.map((c) => (c.reader.kind === 'item' || c.reader.kind === 'answer' ? c.reader.segments : []));
  const make = (kind: RowKind, who: Respondent, at: number, sub: SubmittedReport | undefined, item: unknown, items: readonly Record<string, Cell>[] | null): DatasetRow => {
    const row = start(kind, who.key);
    if (items) {
      for (let k = 0; k < keys.length; k++) row[keys[k]!] = totals[k]!(row, who, at, sub, item, items);
      return row as DatasetRow;
    }
    for (let k = 0; k < keys.length; k++) {
      const how = inline[k]!;
      if (how === 0) {
        row[keys[k]!] = plain[k]!(row, who, at, sub, item, null);
        continue;
      }
      if (!sub) {
        row[keys[k]!] = null;
        continue;
      }
      const segments = segmentsOf[k]!;
      let cur: unknown = how === INLINE_ITEM ? item : sub.answers;
      for (let i = 0; i < segments.length; i++) {
        if (cur === null || typeof cur !== 'object') {
          cur = undefined;
          break;
        }
        cur = (cur as Record<string, unknown>)[segments[i]!];
      }
      row[keys[k]!] = asCell(cur);
    }
    return row as DatasetRow;
  };

  const rowsOf = (who: Respondent, at: number, sub: SubmittedReport): DatasetRow | DatasetRow[] => {
    if (!dataset.items) return make('single', who, at, sub, undefined, null);
    const list = read(sub.answers, dataset.items);
    const items = Array.isArray(list) ? list : [];
    if (items.length <= 1) return make('single', who, at, sub, items[0], null);
    const rows: DatasetRow[] = [];
    for (const item of items) rows.push(make('item', who, at, sub, item, null));
    rows.push(make('total', who, at, sub, undefined, rows));
    return rows;
  };

  return {
    add(sub) {
      const i = index.get(sub.respondent);
      if (i === undefined) return;
      const when = Date.parse(sub.submittedAt);
      if (Number.isNaN(when)) return;
      if (built[i] !== undefined && at[i]! > when) return;
      built[i] = rowsOf(respondents[i]!, i, sub);
      at[i] = when;
    },
    rows() {
      const out: DatasetRow[] = [];
      respondents.forEach((who, i) => {
        const mine = built[i];
        if (mine === undefined) {
          if (dataset.spec.missing) out.push(make('missing', who, i, undefined, undefined, null));
        } else if (Array.isArray(mine)) for (const r of mine) out.push(r);
        else out.push(mine);
      });
      return out;
    },
  };
}
