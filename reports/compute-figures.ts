import { truthy } from '../engine/index.ts';
import { selectRows, type DatasetRow } from './build-dataset.ts';
import type { Cell } from './cell.ts';
import type { CompiledBreakdown, CompiledDataset, CompiledFigure, CompiledReport } from './compile-report.ts';
import { share, type Andel } from './share.ts';

/** A figure's value: one number, a share, or rows (labelled). */
export type FigureValue =
  | { readonly vaerdi: number | null }
  | Andel
  | { readonly raekker: readonly Readonly<Record<string, Cell>>[]; readonly antal: number };

/** A figure in the memo: its value, and the previous round's with the change where there is one. */
export type MemoFigure = FigureValue & { readonly forrige: FigureValue | null; readonly aendring: number | null };

/** One group of a breakdown: its value and label, each figure, and its part of all rows. */
export type BreakdownGroup = Readonly<Record<string, unknown>> & {
  readonly noegle: string;
  readonly etiket: string;
  readonly fordeling: (Andel & { readonly afrundet: number | null }) | null;
};

const num = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v);

type Where = ((row: unknown, ctx: CompiledReport['context']) => unknown) | null;

function numbers(rows: readonly DatasetRow[], key: string, where: Where, ctx: CompiledReport['context']): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const v = r[key];
    if (v !== undefined && num(v) && (!where || truthy(where(r, ctx)))) out.push(v);
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = values.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// Half away from zero on the decimal the reader sees; toPrecision first, so 1.005 × 100 (100.4999…) counts as 100.5.
const roundTo = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  return (Math.sign(v) * Math.round(Number((Math.abs(v) * f).toPrecision(15)))) / f;
};

/**
 * A labeller of rows for output: codes become their labels, numbers are rounded to the column's
 * decimals, `$` keys are left out. Made once per set of columns, so each row costs one copy of a
 * template with the keys in order (a fixed layout in V8; written key by key, an object past a
 * dozen keys becomes a hash table several times its size) and one pass over the columns.
 * @param dataset the dataset the rows are from
 * @param keys the columns to keep (all published ones by default)
 * @param extra keys written after the columns, null until the caller fills them
 * @returns row → column key → labelled value
 */
export function rowLabeller(dataset: CompiledDataset, keys?: readonly string[], extra: readonly string[] = []): (row: DatasetRow) => Record<string, Cell> {
  const kept = keys ?? dataset.columns.filter((c) => c.publish).map((c) => c.key);
  const cols = kept.map((key) => {
    const col = dataset.byKey.get(key);
    return { key, labels: col?.labels ?? null, decimals: col?.spec.decimals };
  });
  const template = JSON.parse(`{${[...kept, ...extra].map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, Cell>;
  return (row) => {
    const out = { ...template };
    for (const { key, labels, decimals } of cols) {
      const raw = row[key] ?? null;
      // Rounded for show only: the dataset row keeps the exact value the figures were computed from.
      const v = decimals !== undefined && typeof raw === 'number' ? roundTo(raw, decimals) : raw;
      out[key] = labels && v !== null && typeof v !== 'boolean' && Object.hasOwn(labels, String(v)) ? labels[String(v)]! : v;
    }
    return out;
  };
}

/**
 * A row labelled for output: codes become their labels, `$` keys are left out. For many rows,
 * make one `rowLabeller` instead.
 * @param dataset the dataset the row is from
 * @param row the row
 * @param keys the columns to keep (all published ones by default)
 * @returns column key → labelled value
 */
export function labelRow(dataset: CompiledDataset, row: DatasetRow, keys?: readonly string[]): Record<string, Cell> {
  return rowLabeller(dataset, keys)(row);
}

/**
 * Evaluates one (non-computed) figure over rows already selected by kind, filtering them by the
 * figure's `where` as it goes: only a list keeps the rows, the other figures read each row once
 * and hold no copy of the selection (a memo's figures read about 100 000 rows each).
 * @param report the compiled report
 * @param figure the figure
 * @param rows the rows of the kinds it reads
 * @param where the figure's filter, or null when the rows are filtered already
 * @returns its value
 */
function evaluate(report: CompiledReport, figure: CompiledFigure, rows: readonly DatasetRow[], where: Where): FigureValue {
  const f = figure.spec;
  const ctx = report.context;
  const keep = (r: DatasetRow): boolean => !where || truthy(where(r, ctx));
  if (f.count) {
    if (!where) return { vaerdi: rows.length };
    let n = 0;
    for (const r of rows) if (keep(r)) n++;
    return { vaerdi: n };
  }
  if (figure.share) {
    let n = 0;
    let all = 0;
    for (const r of rows) {
      if (!keep(r)) continue;
      all++;
      if (truthy(figure.share(r, ctx))) n++;
    }
    return share(n, all);
  }
  // Sums run in row order from 0, as a reduce over the kept values did, so every total is the same to the last bit.
  const total = (key: string): { sum: number; n: number } => {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = r[key];
      if (v !== undefined && num(v) && keep(r)) {
        sum += v;
        n++;
      }
    }
    return { sum, n };
  };
  const extreme = (key: string, pick: (a: number, b: number) => number): number | null => {
    let m: number | null = null;
    for (const r of rows) {
      const v = r[key];
      if (v !== undefined && num(v) && keep(r)) m = m === null ? v : pick(m, v);
    }
    return m;
  };
  if (f.sum !== undefined) return { vaerdi: total(f.sum).sum };
  if (f.mean !== undefined) {
    const { sum, n } = total(f.mean);
    return { vaerdi: n > 0 ? sum / n : null };
  }
  if (f.median !== undefined) return { vaerdi: median(numbers(rows, f.median, where, ctx)) };
  if (f.min !== undefined) return { vaerdi: extreme(f.min, Math.min) };
  if (f.max !== undefined) return { vaerdi: extreme(f.max, Math.max) };
  if (f.ratio) {
    const [a, b] = f.ratio;
    let top = 0;
    let bottom = 0;
    for (const r of rows) {
      const x = r[a];
      const y = r[b];
      if (x !== undefined && y !== undefined && num(x) && num(y) && keep(r)) {
        top += x;
        bottom += y;
      }
    }
    return { vaerdi: bottom > 0 ? (100 * top) / bottom : null };
  }
  if (f.list) {
    const label = rowLabeller(report.datasets.get(figure.dataset!)!, f.list);
    const kept = where ? rows.filter(keep) : rows;
    return { raekker: kept.map(label), antal: kept.length };
  }
  return { vaerdi: null };
}

/** The rows of every dataset, built once per context. */
export type DatasetRows = ReadonlyMap<string, readonly DatasetRow[]>;

/**
 * Computes the spec's figures in declared order; a computed figure reads those before it.
 * @param report the compiled report
 * @param data every dataset's rows
 * @returns figure name → value
 */
export function computeFigures(report: CompiledReport, data: DatasetRows): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  // Most figures read the same kinds of row of one dataset (a memo's 38 read 124 000 rows each):
  // those rows are picked once per dataset and kind, and a figure's filter runs over them only.
  const picked = new Map<string, DatasetRow[]>();
  for (const figure of report.figures) {
    if (figure.compute) {
      const v = figure.compute(out, report.context);
      out[figure.name] = { vaerdi: typeof v === 'number' && Number.isFinite(v) ? v : null };
      continue;
    }
    const key = `${figure.rows} ${figure.dataset!}`;
    let base = picked.get(key);
    if (!base) picked.set(key, (base = selectRows(data.get(figure.dataset!) ?? [], figure.rows, null, report.context)));
    out[figure.name] = evaluate(report, figure, base, figure.where);
  }
  return out;
}

/**
 * Rounds shares so they add up to exactly 100 (largest remainder): each is floored, and the units
 * left over go to the largest remainders, the earlier group first on a tie.
 * @param counts the groups' counts
 * @param decimals decimal places of the rounded shares
 * @returns the rounded shares, or nulls when there is nothing to share
 */
export function largestRemainder(counts: readonly number[], decimals: number): (number | null)[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => null);
  const scale = 10 ** decimals;
  const whole = 100 * scale;
  const quotas = counts.map((c) => (c * whole) / total);
  const floors = quotas.map((q) => Math.floor(q + 1e-9));
  let left = whole - floors.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, r: q - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors.map((f) => f / scale);
}

const collator = new Intl.Collator('da-DK', { numeric: true });

/**
 * Computes a breakdown: the rows grouped by a column's value, each group with the breakdown's
 * figures and its part of all rows.
 * @param report the compiled report
 * @param breakdown the breakdown
 * @param data every dataset's rows
 * @returns the groups, in the column's label order (or by value)
 */
export function computeBreakdown(report: CompiledReport, breakdown: CompiledBreakdown, data: DatasetRows): BreakdownGroup[] {
  const ds = report.datasets.get(breakdown.dataset)!;
  const col = ds.byKey.get(breakdown.groupBy)!;
  const rows = selectRows(data.get(breakdown.dataset) ?? [], breakdown.rows, breakdown.where, report.context);
  const byGroup = new Map<string, DatasetRow[]>();
  if (breakdown.groups === 'labels' && col.labels) for (const k of Object.keys(col.labels)) byGroup.set(k, []);
  for (const r of rows) {
    const v = r[breakdown.groupBy];
    if (v === null || v === undefined) continue;
    const k = String(v);
    const list = byGroup.get(k);
    if (list) list.push(r);
    else if (breakdown.groups === 'values') byGroup.set(k, [r]);
  }
  let keys = [...byGroup.keys()];
  if (breakdown.groups === 'values') keys = keys.sort((a, b) => collator.compare(a, b));
  const grouped = keys.reduce((n, k) => n + byGroup.get(k)!.length, 0);
  const rounded = breakdown.distribution ? largestRemainder(keys.map((k) => byGroup.get(k)!.length), breakdown.distribution.decimals) : [];
  return keys.map((k, i) => {
    const members = byGroup.get(k)!;
    const group: Record<string, unknown> = {
      noegle: k,
      etiket: col.labels?.[k] ?? k,
      fordeling: breakdown.distribution ? { ...share(members.length, grouped), afrundet: rounded[i] ?? null } : null,
    };
    for (const f of breakdown.figures) group[f.name] = evaluate(report, f, members, f.where);
    return group as BreakdownGroup;
  });
}

/**
 * The change from the previous round: for a share the difference in percentage points, for a
 * number the difference; null where either side has no value or the figure is a list.
 * @param now this round's value
 * @param before the previous round's value
 * @returns the change
 */
export function change(now: FigureValue, before: FigureValue | null): number | null {
  if (!before) return null;
  if ('andel' in now && 'andel' in before) return now.andel === null || before.andel === null ? null : now.andel - before.andel;
  if ('vaerdi' in now && 'vaerdi' in before) return now.vaerdi === null || before.vaerdi === null ? null : now.vaerdi - before.vaerdi;
  return null;
}
