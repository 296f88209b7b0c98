/**
 * Runs every benchmark in bench/ (each in its own process, one after another so they do not
 * compete for the two cores), then prints one table of the ratios and figures they reported
 * against their baselines and goals. Benchmarks that read DATABASE_URL run once on SQLite and,
 * when DATABASE_URL is set, once more on PostgreSQL. The soak has its own script (npm run soak).
 *
 * Run: npm run bench                 (all)
 *      npm run bench -- validate     (only the named ones)
 *      BENCH_SECONDS=5 npm run bench  (settings are passed on to each benchmark)
 * Exit code: 0 when every benchmark ran and reported its figures, 1 otherwise. A missed goal is
 * shown in the table but is not a failure: goals are targets, the ratio is the measurement.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fmt } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH = path.join(ROOT, 'bench');
/** Files in bench/ that are not benchmarks run from here. */
const NOT_BENCHMARKS = new Set(['measure.ts', 'run-all.ts', 'soak.ts']);
/** Longest a single benchmark may run before it is stopped. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 1200) * 1000;

type Op = '>=' | '<=';

/** One figure a benchmark reported. */
interface Figure {
  readonly measure: string;
  readonly value: number;
  /** How the baseline is read: what the ratio is of. */
  readonly baseline: string;
  readonly goal?: { readonly op: Op; readonly limit: number };
}

/** Reads a number as the benchmarks print it (en-US grouping: `1,234.5`). */
const num = (s: string): number => Number(s.replace(/,/g, ''));
const op = (s: string): Op => (s === '<=' || s === '≤' ? '<=' : '>=');

/**
 * What each benchmark prints, read into figures. Written against the benchmarks' own output lines
 * (bench/<name>.ts); a benchmark not listed here is read by the generic rule at the end.
 */
const READERS: Readonly<Record<string, (out: string) => Figure[]>> = {
  validate(out) {
    const figures: Figure[] = [];
    const m = /validate: worst ratio ([\d.,]+) \(goal (>=|<=|≥|≤) ([\d.,]+)\)/.exec(out);
    if (m) figures.push({ measure: 'engine validations/s ÷ raw ajv (worst case)', value: num(m[1]!), baseline: 'raw compiled ajv, same schema and data', goal: { op: op(m[2]!), limit: num(m[3]!) } });
    const alike = /like-for-like ([\d.,]+)/.exec(out);
    if (alike) figures.push({ measure: 'engine validations/s ÷ ajv with the same length keywords', value: num(alike[1]!), baseline: 'ajv with the engine\'s minLength/maxLength' });
    return figures;
  },
  submit(out) {
    const figures: Figure[] = [];
    const m = /submit: ratio ([\d.,]+) of bare \(goal (>=|<=|≥|≤) ([\d.,]+)\)/.exec(out);
    if (m) figures.push({ measure: 'submit+reopen req/s ÷ bare route', value: num(m[1]!), baseline: 'bare express route inserting the body in a transaction', goal: { op: op(m[2]!), limit: num(m[3]!) } });
    const scale = /scale: ratio ([\d.,]+) of one instance \(goal (>=|<=|≥|≤) ([\d.,]+)\)/.exec(out);
    if (scale) figures.push({ measure: 'two instances req/s ÷ one (PostgreSQL)', value: num(scale[1]!), baseline: 'one instance, same total connections', goal: { op: op(scale[2]!), limit: num(scale[3]!) } });
    const held = /scale: ratio ([\d.,]+) of one instance \(goal (>=|<=|≥|≤) ([\d.,]+)\), each instance held to ([\d.,]+) cores/.exec(out);
    if (held) figures.push({ measure: `two instances req/s ÷ one, each held to ${held[4]} cores (PostgreSQL)`, value: num(held[1]!), baseline: 'one instance held likewise, same total connections', goal: { op: op(held[2]!), limit: num(held[3]!) } });
    const p99 = /p99 at (\d+) connections: ([\d.,]+) ms \(goal (>=|<=|≥|≤) ([\d.,]+)\)/.exec(out);
    if (p99) figures.push({ measure: `submit p99 ms at ${p99[1]} connections (PostgreSQL)`, value: num(p99[2]!), baseline: '(absolute)', goal: { op: op(p99[3]!), limit: num(p99[4]!) } });
    const bareP99 = /the bare route's at (\d+) connections, alternated: ([\d.,]+) ms/.exec(out);
    if (bareP99) figures.push({ measure: `bare route p99 ms at ${bareP99[1]} connections (PostgreSQL)`, value: num(bareP99[2]!), baseline: '(absolute: the durable write alone)' });
    return figures;
  },
  render(out) {
    const figures: Figure[] = [];
    const m = /ratio \(form page time \/ bare rjsf time\): ([\d.,]+)/.exec(out);
    if (m) figures.push({ measure: 'form page render time ÷ bare rjsf', value: num(m[1]!), baseline: 'renderToString of the bare rjsf Form' });
    const b = /gzipped ([\d.,]+) KB \(goal (>=|<=|≥|≤) ([\d.,]+) KB\)/.exec(out);
    if (b) figures.push({ measure: 'JavaScript on a form page, KiB gzip', value: num(b[1]!), baseline: 'absolute', goal: { op: op(b[2]!), limit: num(b[3]!) } });
    const d = /page data of a step: ([\d.,]+) KB \(goal (>=|<=|≥|≤) ([\d.,]+) KB\)/.exec(out);
    if (d) figures.push({ measure: 'page data of a step, KiB', value: num(d[1]!), baseline: 'absolute', goal: { op: op(d[2]!), limit: num(d[3]!) } });
    return figures;
  },
  start(out) {
    const m = /npm start to first 200 on \/healthz ([\d.,]+) s \(goal (>=|<=|≥|≤) ([\d.,]+) s\), bare ([\d.,]+) s, ratio ([\d.,]+)/.exec(out);
    if (!m) return [];
    return [
      { measure: 'npm start to first 200 on /healthz, s (fresh data folder)', value: num(m[1]!), baseline: 'absolute', goal: { op: op(m[2]!), limit: num(m[3]!) } },
      { measure: 'start-up time ÷ bare node http server', value: num(m[5]!), baseline: 'bare node http server started through npm' },
    ];
  },
  'input-latency'(out) {
    const figures: Figure[] = [];
    const p = /product median ([\d.,]+) ms, p95 ([\d.,]+) ms \(goal (>=|<=|≥|≤) ([\d.,]+) ms\); plain rjsf median ([\d.,]+) ms, p95 ([\d.,]+) ms/.exec(out);
    if (p) {
      figures.push({ measure: 'keydown to next frame p95 ms, 60-unit form page', value: num(p[2]!), baseline: 'absolute', goal: { op: op(p[3]!), limit: num(p[4]!) } });
      figures.push({ measure: 'keydown to next frame p95 ms, plain rjsf', value: num(p[6]!), baseline: 'plain rjsf, same schema, uiSchema and data' });
    }
    const r = /ratio ([\d.,]+) of plain rjsf p95 \(goal (>=|<=|≥|≤) ([\d.,]+)/.exec(out);
    if (r) figures.push({ measure: 'input latency p95 ÷ plain rjsf p95 (not slower than plain rjsf)', value: num(r[1]!), baseline: 'plain rjsf in a bare page, alternating', goal: { op: op(r[2]!), limit: num(r[3]!) } });
    const f = /first enabled input: product ([\d.,]+) ms \(interactive ([\d.,]+) ms\), plain rjsf ([\d.,]+) ms/.exec(out);
    if (f) {
      figures.push({ measure: 'navigation to first enabled input ms, form page', value: num(f[1]!), baseline: 'absolute' });
      figures.push({ measure: 'navigation to interactive form ms, form page', value: num(f[2]!), baseline: 'absolute' });
      figures.push({ measure: 'navigation to first enabled input ms, plain rjsf', value: num(f[3]!), baseline: 'plain rjsf in a bare page' });
    }
    return figures;
  },
  report(out) {
    const m = /in ([\d.,]+) s \(goal (>=|<=|≥|≤) ([\d.,]+)\), ([\d.,]+)x the SQL aggregate \(goal (>=|<=|≥|≤) ([\d.,]+)\), peak ([\d.,]+) MB RSS[^(]*\(goal (>=|<=|≥|≤) ([\d.,]+)\), growth ([\d.,]+)x/.exec(out);
    if (!m) return [];
    return [
      { measure: 'read+memo+table time ÷ SQL aggregate (100 000)', value: num(m[4]!), baseline: 'one SQL aggregate over the same rows', goal: { op: op(m[5]!), limit: num(m[6]!) } },
      { measure: 'read+memo+table seconds (100 000 reports)', value: num(m[1]!), baseline: 'absolute', goal: { op: op(m[2]!), limit: num(m[3]!) } },
      { measure: 'peak RSS MB (100 000 reports)', value: num(m[7]!), baseline: 'absolute', goal: { op: op(m[8]!), limit: num(m[9]!) } },
      { measure: 'time growth for 10× the reports', value: num(m[10]!), baseline: 'linear = 10', goal: { op: '<=', limit: 10 } },
    ];
  },
};

/** The generic rule: `name: … ratio N … (goal >= G)`. */
function genericReader(name: string, out: string): Figure[] {
  const figures: Figure[] = [];
  for (const line of out.split('\n')) {
    const m = new RegExp(`^${name}:.*?ratio ([\\d.,]+).*?\\(goal (>=|<=|≥|≤) ([\\d.,]+)`).exec(line);
    if (m) figures.push({ measure: 'ratio', value: num(m[1]!), baseline: line.slice(0, 60), goal: { op: op(m[2]!), limit: num(m[3]!) } });
  }
  return figures;
}

/** One run of one benchmark. */
interface Run {
  readonly label: string;
  readonly file: string;
  readonly env: Record<string, string | undefined>;
}

function plannedRuns(selected: readonly string[]): Run[] {
  const files = readdirSync(BENCH)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_BENCHMARKS.has(f))
    .filter((f) => selected.length === 0 || selected.includes(f.replace(/\.ts$/, '')))
    .sort();
  const runs: Run[] = [];
  for (const file of files) {
    const name = file.replace(/\.ts$/, '');
    const usesDb = readFileSync(path.join(BENCH, file), 'utf8').includes('DATABASE_URL');
    if (!usesDb) {
      runs.push({ label: name, file, env: { ...process.env } });
      continue;
    }
    runs.push({ label: `${name} [sqlite]`, file, env: { ...process.env, DATABASE_URL: '' } });
    // Scale-out is measured once more with each instance held to a share of the cores (bench/submit.ts).
    if (process.env.DATABASE_URL) runs.push({ label: `${name} [postgres]`, file, env: { BENCH_INSTANCE_CPU: '0.4', ...process.env } });
  }
  return runs;
}

/** Runs one benchmark, echoing its output, and returns what it printed. */
function runOne(run: Run): Promise<{ code: number | null; out: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH, run.file)], { cwd: ROOT, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d: Buffer, to: NodeJS.WriteStream) => {
      out += d.toString();
      to.write(d);
    };
    child.stdout.on('data', (d: Buffer) => take(d, process.stdout));
    child.stderr.on('data', (d: Buffer) => take(d, process.stderr));
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const selected = process.argv.slice(2);
const runs = plannedRuns(selected);
if (runs.length === 0) {
  console.error(`no benchmarks match ${selected.join(', ')}`);
  process.exit(2);
}
const rows: (string | number)[][] = [['benchmark', 'measure', 'value', 'goal', 'verdict', 'baseline', 's']];
let failed = 0;
for (const run of runs) {
  console.log(`\n=== ${run.label} (bench/${run.file}) ===`);
  const r = await runOne(run);
  const name = run.file.replace(/\.ts$/, '');
  const figures = (READERS[name] ?? ((o: string) => genericReader(name, o)))(r.out);
  if (r.code !== 0 || figures.length === 0) {
    failed++;
    rows.push([run.label, r.code !== 0 ? `exited with ${r.code ?? 'a signal'}` : 'no figure found in its output', '–', '–', 'FAILED', '–', fmt(r.seconds)]);
    continue;
  }
  for (const [i, f] of figures.entries()) {
    const met = f.goal ? (f.goal.op === '>=' ? f.value >= f.goal.limit : f.value <= f.goal.limit) : undefined;
    rows.push([
      i === 0 ? run.label : '',
      f.measure,
      fmt(f.value, 2),
      f.goal ? `${f.goal.op} ${fmt(f.goal.limit, 2)}` : '–',
      met === undefined ? '–' : met ? 'met' : 'missed',
      f.baseline,
      i === 0 ? fmt(r.seconds) : '',
    ]);
  }
}
console.log('\n=== all benchmarks: ratios against baselines measured in the same run ===');
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
// Numbers right-aligned, words left-aligned.
const right = new Set([2, 3, 6]);
for (const r of rows) console.log(r.map((c, i) => (right.has(i) ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ').trimEnd());
process.exitCode = failed > 0 ? 1 : 0;
