/** Shared benchmark helpers: every benchmark prints a ratio against a baseline measured in the same run. */

/**
 * Runs `fn` repeatedly for about `ms` milliseconds, several times, and returns the median rate.
 * @param fn the work, called once per operation
 * @param ms time per sample
 * @param samples number of samples
 * @returns operations per second (median of the samples)
 */
export function opsPerSecond(fn: () => unknown, ms = 500, samples = 5): number {
  // Warm up so the JIT has compiled both sides before measuring.
  const warmEnd = performance.now() + ms;
  while (performance.now() < warmEnd) fn();
  const rates: number[] = [];
  for (let s = 0; s < samples; s++) rates.push(sampleRate(fn, ms));
  return median(rates);
}

/** One sample: operations per second of `fn` over about `ms` milliseconds. */
function sampleRate(fn: () => unknown, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const median = (xs: number[]): number => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)] as number;

/**
 * Rates of a baseline and a candidate measured in alternating short samples, so a change in the
 * machine's load (other processes on a shared machine) falls on both alike.
 * @param base the baseline's operation
 * @param ours the candidate's operation
 * @param ms time per sample
 * @param rounds number of baseline/candidate pairs
 * @returns median rates and the median of the per-pair ratios (candidate ÷ baseline)
 */
export function compareRates(base: () => unknown, ours: () => unknown, ms = 200, rounds = 15): { base: number; ours: number; ratio: number } {
  const sample = (fn: () => unknown): number => sampleRate(fn, ms);
  sample(base);
  sample(ours);
  const b: number[] = [];
  const o: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = sample(base);
    const y = sample(ours);
    b.push(x);
    o.push(y);
    r.push(y / x);
  }
  return { base: median(b), ours: median(o), ratio: median(r) };
}

/** Formats a number with thin grouping for tables. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Prints an aligned table of rows. */
export function printTable(rows: (string | number)[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  '));
}
