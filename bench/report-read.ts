/**
 * What reading the stored reports costs before any row is built, against the report bench's SQL
 * aggregate, on a database that `bench/report.ts` kept (BENCH_REPORT_KEEP). It answers whether
 * extracting only the columns the report spec reads in SQL would beat reading and parsing whole
 * answers: each way of reading runs in turn, alternating, and its median is printed as a ratio to
 * the aggregate's.
 *
 * The ways (SQLite, the bench's store; every path comes from the report spec's item and answer
 * columns, so no field is named here):
 * - `aggregate`: the report bench's baseline (respondents, item rows, the sums the table totals);
 * - `text`: code, moment and answer text of each report in the store's key order, not parsed;
 * - `text + JSON.parse`: the same, each answer parsed, which the engine does;
 * - `store pages`: `submittedReportPages`, the engine's own reader (kysely, pages of 500, parsed);
 * - `SQL cells (->)`: one row per item (`jsonb_each` over the items' array, so each answer is
 *   parsed once into SQLite's binary form) and one column per read path as JSON text (`->`), which
 *   keeps `true` apart from `1` as the rows must; the text of each cell still has to be decoded;
 * - `SQL cells (json_extract)`: the same with `json_extract`, which turns booleans into 0 and 1,
 *   so it cannot serve as is: a lower bound for extracting in SQL.
 *
 * Run: npx tsx bench/report-read.ts <BENCH_REPORT_KEEP>/<size>
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, storeClientOf } from '../engine/db/index.ts';
import { loadRounds } from '../engine/node.ts';
import { compileReport, readReportSpec, submittedReportPages } from '../reports/index.ts';
import { fmt, printTable } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUND_ID = '2024';
const ROUNDS = 5;

const folder = process.argv[2];
if (!folder) throw new Error('usage: npx tsx bench/report-read.ts <BENCH_REPORT_KEEP>/<size>');
const real = (await loadRounds(path.join(ROOT, 'schemas'))).round(ROUND_ID)!;
const read = readReportSpec(real);
if (!read || 'problems' in read) throw new Error('the round has no report spec that reads');
const compiled = compileReport(real, read.spec, real.forms.get(read.spec.form)?.schema);
if (!compiled.report) throw new Error(JSON.stringify(compiled.problems));
const report = compiled.report;
const doc = Object.values(report.spec.documents ?? {}).find((d) => d.kind === 'tabel' && d.dataset);
const ds = report.datasets.get(doc!.dataset!)!;
const items = ds.items;
if (!items) throw new Error('the table dataset has no items; this bench compares item extraction');

const handle = createDatabase({ dataDir: path.join(path.resolve(folder), 'data'), existing: true });
const client = storeClientOf(handle.db);
if (client.dialect !== 'sqlite') throw new Error('the report bench keeps a SQLite store');
const sqlite = client.sqlite;

// SQLite's path syntax with every segment quoted, as the bench's baseline writes it.
const jsonPath = (segments: readonly string[]): string => `'$${segments.map((s) => `."${s.replace(/"/g, '""')}"`).join('')}'`;
const where = `s.round_id = '${ROUND_ID}' and s.form_name = '${report.formName}' and s.status = 'submitted'`;
const from = 'submissions s join organisations o on o.id = s.organisation_id';
const itemPaths = ds.columns.flatMap((c) => (c.reader.kind === 'item' ? [c.reader.segments] : []));
const answerPaths = ds.columns.flatMap((c) => (c.reader.kind === 'answer' ? [c.reader.segments] : []));
const summed = ds.columns.filter((c) => c.total?.kind === 'aggregate' && c.total.op === 'sum' && c.reader.kind === 'item');
/** One row per item, one column per read path, each cell written by `cell(json, path)`. */
const cells = (cell: (json: string, path: string) => string): string =>
  `select o.code, s.submitted_at, e.key${[...answerPaths.map((p) => `, ${cell('s.answers', jsonPath(p))}`), ...itemPaths.map((p) => `, ${cell('e.value', jsonPath(p))}`)].join('')}
   from ${from} left join jsonb_each(s.answers, ${jsonPath(items)}) e where ${where} order by s.organisation_id, e.id`;

const QUERIES: Record<string, string> = {
  aggregate: `select count(distinct s.organisation_id), count(*)${summed.map((c) => `, sum(json_extract(e.value, ${jsonPath((c.reader as { segments: readonly string[] }).segments)}))`).join('')}
    from ${from}, json_each(s.answers, ${jsonPath(items)}) e where ${where}`,
  text: `select o.code, s.submitted_at, s.answers from ${from} where ${where} order by s.organisation_id`,
  'SQL cells (->)': cells((json, p) => `${json} -> ${p}`),
  'SQL cells (json_extract)': cells((json, p) => `json_extract(${json}, ${p})`),
};

const iterate = (sqlText: string, each: (row: unknown[]) => void = () => {}): number => {
  const t0 = performance.now();
  for (const row of sqlite.prepare(sqlText).raw(true).iterate() as IterableIterator<unknown[]>) each(row);
  return performance.now() - t0;
};
const WAYS: Record<string, () => Promise<number>> = {
  aggregate: async () => iterate(QUERIES.aggregate!),
  text: async () => iterate(QUERIES.text!),
  'text + JSON.parse': async () => iterate(QUERIES.text!, (r) => void JSON.parse(r[2] as string)),
  'store pages': async () => {
    const t0 = performance.now();
    for await (const page of submittedReportPages(handle.db, ROUND_ID, report.formName)) void page;
    return performance.now() - t0;
  },
  'SQL cells (->)': async () => iterate(QUERIES['SQL cells (->)']!),
  'SQL cells (json_extract)': async () => iterate(QUERIES['SQL cells (json_extract)']!),
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(WAYS).map((k) => [k, []]));
const order = Object.keys(WAYS);
for (const name of order) await WAYS[name]!(); // warm-up: page cache, statements
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the order, so no way always runs after the same one.
  for (const name of r % 2 === 0 ? order : [...order].reverse()) times[name]!.push(await WAYS[name]!());
}
await handle.destroy();
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times.aggregate!);
printTable([
  ['way of reading', 'median ms', 'ratio to aggregate', 'runs ms'],
  ...order.map((n) => [n, fmt(median(times[n]!)), fmt(median(times[n]!) / base, 2), times[n]!.map((t) => fmt(t)).join(' ')]),
]);
console.log(`(${ROUNDS} alternating rounds after a warm-up; ${itemPaths.length} item and ${answerPaths.length} answer columns read)`);
