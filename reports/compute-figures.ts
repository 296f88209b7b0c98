import { truthy } from '../engine/index.ts';
import { rowKinds, type DatasetRow, type RowKind } from './build-dataset.ts';
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
 * A labeller of one column's values for output: a code becomes its label, a number is rounded to
 * the column's decimals (for show only: the dataset row keeps the exact value the figures were
 * computed from).
 * @param dataset the dataset the column is in
 * @param key the column's key
 * @returns raw cell → labelled cell
 */
export function cellLabeller(dataset: CompiledDataset, key: string): (raw: Cell | undefined) => Cell {
  const col = dataset.byKey.get(key);
  const labels = col?.labels ?? null;
  const decimals = col?.spec.decimals;
  if (!labels && decimals === undefined) return (raw) => raw ?? null;
  return (raw) => {
    const r = raw ?? null;
    const v = decimals !== undefined && typeof r === 'number' ? roundTo(r, decimals) : r;
    return labels && v !== null && typeof v !== 'boolean' && Object.hasOwn(labels, String(v)) ? labels[String(v)]! : v;
  };
}

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
  const cols = kept.map((key) => ({ key, label: cellLabeller(dataset, key) }));
  const template = JSON.parse(`{${[...kept, ...extra].map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, Cell>;
  return (row) => {
    const out = { ...template };
    for (const { key, label } of cols) out[key] = label(row[key]);
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

/** A figure being computed over rows handed to it one at a time, in row order. */
interface Accumulator {
  /** Reads a row that passed the figure's filter. */
  add(row: DatasetRow): void;
  value(): FigureValue;
}

/**
 * An accumulator of one (non-computed) figure: it reads each row once and holds no copy of the
 * rows (but a list, which keeps its rows, and a median, which keeps its numbers). Sums run in row
 * order from 0, as a reduce over the kept values did, so every total is the same to the last bit.
 * @param report the compiled report
 * @param figure the figure
 * @returns the accumulator
 */
function accumulator(report: CompiledReport, figure: CompiledFigure): Accumulator {
  const f = figure.spec;
  const ctx = report.context;
  if (f.count) {
    let n = 0;
    return { add: () => void n++, value: () => ({ vaerdi: n }) };
  }
  const test = figure.share;
  if (test) {
    let n = 0;
    let all = 0;
    return {
      add(r) {
        all++;
        if (truthy(test(r, ctx))) n++;
      },
      value: () => share(n, all),
    };
  }
  const sumOf = f.sum ?? f.mean;
  if (sumOf !== undefined) {
    const mean = f.sum === undefined;
    let sum = 0;
    let n = 0;
    return {
      add(r) {
        const v = r[sumOf];
        if (v !== undefined && num(v)) {
          sum += v;
          n++;
        }
      },
      value: () => ({ vaerdi: mean ? (n > 0 ? sum / n : null) : sum }),
    };
  }
  if (f.median !== undefined) {
    const key = f.median;
    const values: number[] = [];
    return {
      add(r) {
        const v = r[key];
        if (v !== undefined && num(v)) values.push(v);
      },
      value: () => ({ vaerdi: median(values) }),
    };
  }
  const extremeOf = f.min ?? f.max;
  if (extremeOf !== undefined) {
    const pick = f.min !== undefined ? Math.min : Math.max;
    let m: number | null = null;
    return {
      add(r) {
        const v = r[extremeOf];
        if (v !== undefined && num(v)) m = m === null ? v : pick(m, v);
      },
      value: () => ({ vaerdi: m }),
    };
  }
  if (f.ratio) {
    const [a, b] = f.ratio;
    let top = 0;
    let bottom = 0;
    return {
      add(r) {
        const x = r[a];
        const y = r[b];
        if (x !== undefined && y !== undefined && num(x) && num(y)) {
          top += x;
          bottom += y;
        }
      },
      value: () => ({ vaerdi: bottom > 0 ? (100 * top) / bottom : null }),
    };
  }
  if (f.list) {
    const label = rowLabeller(report.datasets.get(figure.dataset!)!, f.list);
    const kept: DatasetRow[] = [];
    return {
      add: (r) => void kept.push(r),
      value: () => ({ raekker: kept.map(label), antal: kept.length }),
    };
  }
  return { add: () => undefined, value: () => ({ vaerdi: null }) };
}

/**
 * Evaluates (non-computed) figures over the same rows in one pass: each row is read once for all
 * of them, not once per figure, and a filter several figures share (the same JSON Logic) is tested
 * once per row. Each figure sees the rows that pass its own filter, in order, as if evaluated alone.
 * @param report the compiled report
 * @param figures the figures
 * @param rows the rows
 * @param kinds the kinds of row they read, or null for every row given
 * @returns their values, in the figures' order
 */
function evaluateAll(report: CompiledReport, figures: readonly CompiledFigure[], rows: readonly DatasetRow[], kinds: ReadonlySet<RowKind> | null): FigureValue[] {
  const ctx = report.context;
  const accs = figures.map((f) => accumulator(report, f));
  // The distinct filters, each figure pointing at its own (-1 for none).
  const filters: NonNullable<Where>[] = [];
  const filterKeys: string[] = [];
  const filterOf = figures.map((f) => {
    if (!f.where) return -1;
    const key = JSON.stringify(f.spec.where);
    let i = filterKeys.indexOf(key);
    if (i < 0) {
      i = filters.length;
      filters.push(f.where);
      filterKeys.push(key);
    }
    return i;
  });
  const passed = new Uint8Array(filters.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (kinds && !kinds.has(row.$kind)) continue;
    for (let w = 0; w < filters.length; w++) passed[w] = truthy(filters[w]!(row, ctx)) ? 1 : 0;
    for (let k = 0; k < accs.length; k++) {
      const w = filterOf[k]!;
      if (w < 0 || passed[w] === 1) accs[k]!.add(row);
    }
  }
  return accs.map((a) => a.value());
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
  // Most figures read the same kinds of row of one dataset (a memo's 38 read 124 000 rows each):
  // those are evaluated together, in one pass over the rows picked once per dataset and kind.
  const groups = new Map<string, CompiledFigure[]>();
  for (const figure of report.figures) {
    if (figure.compute) continue;
    const key = `${figure.rows} ${figure.dataset!}`;
    const group = groups.get(key);
    if (group) group.push(figure);
    else groups.set(key, [figure]);
  }
  const values = new Map<string, FigureValue>();
  for (const group of groups.values()) {
    // The rows of the group's kinds are picked as they are read, not copied first: a pass over
    // 124 000 rows is mostly the time it takes to bring each row in from memory.
    const { dataset, rows } = group[0]!;
    evaluateAll(report, group, data.get(dataset!) ?? [], rowKinds(rows)).forEach((v, i) => values.set(group[i]!.name, v));
  }
  // In declared order: a computed figure reads the figures before it.
  const out: Record<string, FigureValue> = {};
  for (const figure of report.figures) {
    if (figure.compute) {
      const v = figure.compute(out, report.context);
      out[figure.name] = { vaerdi: typeof v === 'number' && Number.isFinite(v) ? v : null };
    } else out[figure.name] = values.get(figure.name)!;
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
  const kinds = rowKinds(breakdown.rows);
  const where = breakdown.where;
  const ctx = report.context;
  const byGroup = new Map<string, DatasetRow[]>();
  if (breakdown.groups === 'labels' && col.labels) for (const k of Object.keys(col.labels)) byGroup.set(k, []);
  // The rows are picked (kind and filter) and grouped in one pass.
  for (const r of data.get(breakdown.dataset) ?? []) {
    if (!kinds.has(r.$kind) || (where && !truthy(where(r, ctx)))) continue;
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
    evaluateAll(report, breakdown.figures, members, null).forEach((v, j) => (group[breakdown.figures[j]!.name] = v));
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
