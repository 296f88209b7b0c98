/**
 * The reports layer end to end — reading the submitted reports from the store page by page into
 * the report's datasets (loadDatasets), the memo context (charts rendered) and the published table
 * from the same rows — against one SQL aggregate over the same stored rows
 * (SQLite, JSON1), measured alternately in the same process. At 10 000 and 100 000 reports, each
 * size in its own processes. Goals at 100 000: at most 3× the SQL aggregate and 300 MB peak RSS;
 * the 10 s and linear-growth goals of the earlier issue are printed too, as bench/run-all.ts
 * reads them.
 *
 * Why the load is 100 000 respondents with one report each, not 98 respondents with many:
 * - The store keeps one submission per respondent and form (a unique key; a resubmission
 *   overwrites it and history goes to `submission_versions`, which the reports do not read), so
 *   100 000 stored answers for 98 municipalities cannot exist.
 * - Even if they could, the memo and table keep the latest report per respondent, so 99.9 % of
 *   the rows would be thrown away after parsing and the figures would be computed over 98: that
 *   would flatter the engine against an aggregate that reads every row.
 * So the round is widened: its respondent table (the one round.json → `respondents` names) gets
 * N rows, row i a copy of real row i mod 98 under a new key. Every figure, breakdown, chart and
 * table row then stands on 100 000 reports, as the SQL aggregate does.
 *
 * How the rows are made (setup, in its own process, so its memory is not in the measured peak):
 * - FILLED (50 × 98) respondents are filled by `fillDemoData` — the project's synthetic
 *   population, submitted through the saveDraft/submit workflows, so the engine validates each and
 *   the store writes it with its audit entries. The bench names no form field: the answers come
 *   from the product's schema-driven generator (reports/synthetic-answers.ts behind fillDemoData),
 *   so the bench follows the form as it changes.
 * - The remaining organisations are seeded by `seedOrganisations` from the widened table, and
 *   their submissions are copies of the filled ones (respondent i gets respondent i mod FILLED's
 *   answers, which came from the same real row, so split-leadership and unit counts agree), with
 *   the respondent forced by the store's own `forceOrganisation`. Filling all 100 000 through the
 *   workflows takes about 8 minutes here (each validation scans an `x-options` enum of 100 000
 *   codes, twice per report), which is the cost of validating, not of reporting.
 *
 * The measuring process loads the real round and hands the reports layer the widened round as a
 * ReportRound (which exists for this), so the compiled form with a 100 000-entry enum is not in
 * its memory: a service holding such a round pays that at start-up, and setup prints what it costs.
 *
 * The measuring process runs this file compiled by the service's own build (see `child`), as the
 * deployed service and command line run the reports layer; BENCH_REPORT_TSX=1 measures under tsx.
 * BENCH_REPORT_KEEP=<folder> keeps each size's database there and reuses it, so two versions of
 * the code (or the two ways of running it) are measured in turn on the same stored rows, and
 * bench/report-read.ts can compare ways of reading them.
 *
 * Run: npx tsx bench/report.ts
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { createDatabase, type Database } from '../engine/db/index.ts';
import { loadRounds, parseCsv, type Round } from '../engine/node.ts';
import { newId, seedOrganisations, type WorkflowDeps } from '../engine/workflows/index.ts';
import { forceOrganisation } from '../engine/workflows/force-organisation.ts';
import {
  buildMemoContext,
  buildTable,
  compileReport,
  fillDemoData,
  loadDatasets,
  readReportSpec,
  type CompiledReport,
  type ReportRound,
} from '../reports/index.ts';
import { fmt, printTable } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUND_ID = '2024';
/** The sizes measured, smallest first; BENCH_REPORT_SIZES (e.g. `2000,20000`) sets others while working on it. */
const SIZES = process.env.BENCH_REPORT_SIZES ? process.env.BENCH_REPORT_SIZES.split(',').map(Number) : [10_000, 100_000];
/** Engine/baseline pairs measured per size, after one warm-up pair. */
const PAIRS = 5;
/** Reports filled through the workflows per real respondent (the rest are copies of these). */
const FILLED_PER_REAL = 50;
const AT = '2024-06-15T10:00:00.000Z';

type Table = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Where a round keeps its respondents: the table's name, its key column and its name column. */
function respondentTable(round: Round): { name: string; key: string; nameColumn: string; file: string } {
  const s = round.settings as { respondents?: { table?: string; name?: string }; tables?: Record<string, { file: string; key: string }> };
  const name = s.respondents?.table;
  const decl = name ? s.tables?.[name] : undefined;
  if (!name || !decl) throw new Error(`round ${round.id} declares no respondent table`);
  return { name, key: decl.key, nameColumn: s.respondents?.name ?? decl.key, file: decl.file };
}

const syntheticKey = (i: number): string => `R${String(i).padStart(6, '0')}`;

/** The respondent table with `size` rows: row i copies real row i mod n under a new key and a numbered name. */
function widen(real: Table, key: string, nameColumn: string, size: number): Record<string, Record<string, string>> {
  const rows = Object.values(real);
  const out: Record<string, Record<string, string>> = {};
  for (let i = 0; i < size; i++) {
    const row = rows[i % rows.length]!;
    const k = syntheticKey(i);
    out[k] = { ...row, [key]: k, [nameColumn]: `${row[nameColumn] ?? ''} ${i}` };
  }
  return out;
}

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Copies the real round's folder to `dir/<round>` with its respondent table widened to `size` rows. */
async function writeRound(dir: string, real: Round, size: number): Promise<string> {
  const t = respondentTable(real);
  const folder = path.join(dir, ROUND_ID);
  await cp(path.join(ROOT, 'schemas', ROUND_ID), folder, { recursive: true });
  const rows = widen(real.tables[t.name]!, t.key, t.nameColumn, size);
  const header = Object.keys(Object.values(rows)[0]!);
  const lines = [header.map(csvCell).join(','), ...Object.values(rows).map((r) => header.map((h) => csvCell(r[h] ?? '')).join(','))];
  await writeFile(path.join(folder, t.file), `${lines.join('\n')}\n`);
  // The copy must read back as the table it was made from, or the rounds compared would differ.
  if (parseCsv(lines.slice(0, 2).join('\n'))[1]![header.indexOf(t.key)] !== syntheticKey(0)) throw new Error('widened table does not read back');
  return dir;
}

/** What setup reports back: how many reports it stored, and what loading the widened round cost. */
interface SetupResult {
  stored: number;
  filled: number;
  wideLoadMs: number;
  wideLoadRssMb: number;
}

/** Stores `size` submitted reports in a fresh SQLite database under `dir` (see the top of the file). */
async function setup(size: number, dir: string): Promise<SetupResult> {
  const real = (await loadRounds(path.join(ROOT, 'schemas'))).round(ROUND_ID)!;
  const realCount = Object.keys(real.tables[respondentTable(real).name]!).length;
  const filled = Math.min(size, realCount * FILLED_PER_REAL);
  const handle = createDatabase({ dataDir: path.join(dir, 'data') });
  try {
    const m = await handle.migrate();
    if (!m.ok) throw new Error(m.error);
    const clock = () => new Date(AT);
    // 1. The filled respondents, through the workflows.
    const small = await loadRounds(await writeRound(path.join(dir, 'filled'), real, filled));
    const fill = await fillDemoData({ db: handle.db, registry: small, clock }, { roundId: ROUND_ID, seed: size });
    if (!fill.ok) throw new Error(fill.message);
    if (fill.submitted !== filled) throw new Error(`filled ${fill.submitted} of ${filled}`);
    // 2. Every respondent of the widened round as an organisation.
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const wide = await loadRounds(await writeRound(path.join(dir, 'wide'), real, size));
    const wideLoadMs = performance.now() - t0;
    const wideLoadRssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
    const deps: WorkflowDeps = { db: handle.db, registry: wide, clock };
    const seeded = await seedOrganisations(deps, ROUND_ID);
    if (!seeded.ok) throw new Error(seeded.code);
    // 3. The others' submissions: copies of the filled ones, the respondent forced as the store does.
    await copySubmissions(handle.db, filled, real);
    const stored = Number(
      (await handle.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', ROUND_ID).where('status', '=', 'submitted').executeTakeFirstOrThrow()).n,
    );
    if (stored !== size) throw new Error(`stored ${stored} of ${size}`);
    return { stored, filled, wideLoadMs, wideLoadRssMb };
  } finally {
    await handle.destroy();
  }
}

async function copySubmissions(db: Kysely<Database>, filled: number, round: Round): Promise<void> {
  const orgs = await db.selectFrom('organisations').select(['id', 'code']).execute();
  const subs = await db
    .selectFrom('submissions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select('o.code as code')
    .where('s.round_id', '=', ROUND_ID)
    .execute();
  const byCode = new Map(subs.map((s) => [s.code, s]));
  await db.transaction().execute(async (trx) => {
    let batch: (typeof subs)[number][] = [];
    const flush = async () => {
      if (batch.length > 0) await trx.insertInto('submissions').values(batch.map(({ code: _, ...row }) => row)).execute();
      batch = [];
    };
    for (const o of orgs) {
      if (byCode.has(o.code)) continue;
      const i = Number(o.code.slice(1));
      const t = byCode.get(syntheticKey(i % filled));
      if (!t) throw new Error(`no filled report for ${syntheticKey(i % filled)}`);
      const answers = JSON.stringify(forceOrganisation(JSON.parse(t.answers) as Record<string, unknown>, o.code, round.forms.get(t.form_name)!.schema));
      batch.push({ ...t, id: newId(), organisation_id: o.id, answers });
      if (batch.length === 500) await flush();
    }
    await flush();
  });
}

/**
 * The baseline: one aggregate in SQL over the stored rows the table reads — respondents, item rows
 * and the sum of every column the table's dataset sums — built from the report spec, so it follows
 * the form without naming a field. It joins organisations as the store's listing does.
 */
function baselineQuery(report: CompiledReport, dataset: string) {
  const ds = report.datasets.get(dataset)!;
  const path = (segments: readonly string[]) => sql.lit(`$${segments.map((s) => `."${s}"`).join('')}`);
  const summed = ds.columns.filter((c) => c.total?.kind === 'aggregate' && c.total.op === 'sum' && (c.reader.kind === 'item' || c.reader.kind === 'answer'));
  const sums = summed.map((c, i) => {
    const r = c.reader as { kind: 'item' | 'answer'; segments: readonly string[] };
    return sql`sum(json_extract(${r.kind === 'item' ? sql.ref('e.value') : sql.ref('s.answers')}, ${path(r.segments)})) as ${sql.ref(`c${i}`)}`;
  });
  const from = ds.items ? sql`submissions s join organisations o on o.id = s.organisation_id, json_each(s.answers, ${path(ds.items)}) e` : sql`submissions s join organisations o on o.id = s.organisation_id`;
  const query = sql<Record<string, number>>`
    select count(distinct s.organisation_id) as respondents, count(*) as items, ${sql.join(sums)}
    from ${from}
    where s.round_id = ${ROUND_ID} and s.form_name = ${report.formName} and s.status = 'submitted'`;
  return { query, columns: summed.map((c) => c.key) };
}

interface Result {
  size: number;
  items: number;
  sqlMs: number;
  datasetMs: number;
  memoMs: number;
  tableMs: number;
  engineMs: number;
  ratio: number;
  peakRssMb: number;
  heapLimitMb: number | null;
}

/** Respondents with a report in a dataset's rows: each has one single row or one total row. */
const countReported = (rows: readonly { $kind: string }[]): number => rows.reduce((n, r) => n + (r.$kind === 'single' || r.$kind === 'total' ? 1 : 0), 0);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Engine and baseline, alternately, over the stored rows. */
async function measure(size: number, dir: string): Promise<Result> {
  const real = (await loadRounds(path.join(ROOT, 'schemas'))).round(ROUND_ID)!;
  const t = respondentTable(real);
  const round: ReportRound = { id: real.id, title: real.title, settings: real.settings, tables: { ...real.tables, [t.name]: widen(real.tables[t.name]!, t.key, t.nameColumn, size) } };
  const read = readReportSpec(real);
  if (!read || 'problems' in read) throw new Error('the round has no report spec that reads');
  const compiled = compileReport(round, read.spec, real.forms.get(read.spec.form)?.schema);
  if (!compiled.report) throw new Error(JSON.stringify(compiled.problems));
  const report = compiled.report;
  if (report.population.list.length !== size) throw new Error(`population ${report.population.list.length}, not ${size}`);
  const doc = Object.values(report.spec.documents ?? {}).find((d) => d.kind === 'tabel' && d.dataset);
  if (!doc) throw new Error('the report spec has no table document');
  const base = baselineQuery(report, doc.dataset!);
  const handle = createDatabase({ dataDir: path.join(dir, 'data'), existing: true });
  const db = handle.db;
  try {
    // Each run starts from a collected heap (the measuring process runs with --expose-gc), so the
    // peak RSS is that of one run's working set and not of earlier runs' garbage that V8 has not
    // yet collected, and no run's time pays for collecting another's.
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => {
      throw new Error('run the measuring process with --expose-gc');
    });
    const engine = async () => {
      collect();
      const t0 = performance.now();
      // Each dataset is built once and shared by the memo and the table, as buildPublication does.
      // The rows are built page by page as the store is read, so no page's answers outlive it.
      const data = await loadDatasets(db, report, round);
      const count = countReported(data.get(doc.dataset!)!);
      const t2 = performance.now();
      const memo = await buildMemoContext({ report, round, data, generatedAt: AT, charts: true });
      const t3 = performance.now();
      const table = buildTable({ report, round, dataset: doc.dataset!, rows: data.get(doc.dataset!)!, ...(doc.filters ? { filters: doc.filters } : {}) });
      // Every cell of the table is read once, as a writer reads it: a built table labels a cell
      // when it is read, so a table built and never read would leave the labelling out of the
      // figure. (Writing it out, CSV, XLSX, JSON or page, is the writer's and not counted here,
      // as rendering the memo's template is not.)
      let written = 0;
      const keys = table.columns.map((c) => c.noegle);
      for (const row of table.rows) for (const key of keys) if (row[key] !== undefined) written++;
      if (written < table.rows.length) throw new Error(`the table's cells were not read: ${written}`);
      const t4 = performance.now();
      return { reports: count, memo, table, written, datasetMs: t2 - t0, memoMs: t3 - t2, tableMs: t4 - t3, ms: t4 - t0 };
    };
    const baseline = async () => {
      collect();
      const t0 = performance.now();
      const rows = (await base.query.execute(db)).rows;
      return { row: rows[0]!, ms: performance.now() - t0 };
    };

    // Warm-up pair (JIT, page cache, compiled charts), then check that both sides counted the same.
    const items = await (async () => {
      const first = await engine();
      const agg = (await baseline()).row;
      if (first.reports !== size || Number(agg.respondents) !== size) throw new Error(`read ${first.reports}, SQL ${agg.respondents}, of ${size}`);
      const charts = Object.values(first.memo.diagrammer);
      if (charts.length === 0 || charts.some((c) => c === null)) throw new Error('the memo rendered no charts');
      const rows = first.table.rows.filter((r) => r.$kind === 'item' || r.$kind === 'single');
      if (rows.length !== Number(agg.items)) throw new Error(`item rows: table ${rows.length}, SQL ${agg.items}`);
      base.columns.forEach((key, i) => {
        const ours = rows.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);
        if (ours !== Number(agg[`c${i}`])) throw new Error(`${key}: table ${ours}, SQL ${agg[`c${i}`]}`);
      });
      // Only the count is kept, so the warm-up's memo and table are garbage before the measured runs.
      return rows.length;
    })();

    // Only the times leave a measured run. A run's memo and table held in this function's frame
    // (as \`const e = await engine()\` held them until the next run assigned \`e\`) were still alive
    // while the next run built its own, so the peak RSS counted two runs' results, not one.
    const timedEngine = async () => {
      const { datasetMs, memoMs, tableMs, ms } = await engine();
      return { datasetMs, memoMs, tableMs, ms };
    };
    const timedBaseline = async () => ({ ms: (await baseline()).ms });
    const pairs: { sql: number; dataset: number; memo: number; table: number; engine: number; ratio: number }[] = [];
    for (let p = 0; p < PAIRS; p++) {
      // Alternate which side goes first, so neither always runs on the other's garbage.
      const b1 = p % 2 === 1 ? await timedBaseline() : null;
      const e = await timedEngine();
      const b = b1 ?? (await timedBaseline());
      pairs.push({ sql: b.ms, dataset: e.datasetMs, memo: e.memoMs, table: e.tableMs, engine: e.ms, ratio: e.ms / b.ms });
    }
    const heap = process.execArgv.map((a) => /^--max-old-space-size=(\d+)$/.exec(a)?.[1]).find(Boolean);
    return {
      size,
      items,
      sqlMs: median(pairs.map((p) => p.sql)),
      datasetMs: median(pairs.map((p) => p.dataset)),
      memoMs: median(pairs.map((p) => p.memo)),
      tableMs: median(pairs.map((p) => p.table)),
      engineMs: median(pairs.map((p) => p.engine)),
      ratio: median(pairs.map((p) => p.ratio)),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapLimitMb: heap ? Number(heap) : null,
    };
  } finally {
    await handle.destroy();
  }
}

/**
 * A V8 heap limit for the measuring process, in MB, when BENCH_REPORT_HEAP_MB is set. Unset, the
 * process runs as `npm start` does, with V8's default, which on a large machine lets the heap grow
 * before collecting; set, the run has to fit, and the extra collection shows in the times.
 */
const HEAP_MB = process.env.BENCH_REPORT_HEAP_MB ? Number(process.env.BENCH_REPORT_HEAP_MB) : undefined;
/** A folder to keep the benches' databases in across runs (see the sizes loop), or none. */
const KEEP = process.env.BENCH_REPORT_KEEP ? path.resolve(process.env.BENCH_REPORT_KEEP) : undefined;

/**
 * Setup runs under tsx; the measuring process runs this file compiled by the service's own build
 * (`buildServer`), as `npm start` and the `indberet` command run the reports layer. Under tsx the
 * process also holds tsx's loader (its hooks thread and the transformed sources), about 70 MB RSS
 * before any report is read, which no deployed process has. BENCH_REPORT_TSX=1 measures under tsx.
 * @param args the mode and its arguments
 * @param compiled the compiled bench to measure with, or null for tsx
 * @returns what the child printed
 */
function child(args: string[], compiled: string | null): string {
  const measuring = args[0] === '--measure';
  const flags = measuring ? ['--expose-gc', ...(HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [])] : [];
  const program = measuring && compiled ? [compiled] : ['--import', 'tsx', fileURLToPath(import.meta.url)];
  return execFileSync(process.execPath, [...flags, ...program, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const [mode, sizeArg, dirArg] = process.argv.slice(2);
if (mode === '--setup') {
  process.stdout.write(JSON.stringify(await setup(Number(sizeArg), dirArg!)));
} else if (mode === '--measure') {
  process.stdout.write(JSON.stringify(await measure(Number(sizeArg), dirArg!)));
} else {
  const results: (Result & SetupResult)[] = [];
  // Inside the project, so the compiled file finds the packages it leaves outside in node_modules.
  const buildDir = process.env.BENCH_REPORT_TSX ? null : await mkdtemp(path.join(ROOT, 'dist', 'bench-report-'));
  // @ts-expect-error plain JavaScript without types: the build script runs before any TypeScript loader.
  const { buildServer } = (await import('../bin/build-server.js')) as { buildServer: (o: { outDir: string; entry: string }) => Promise<{ entry: string }> };
  const compiled = buildDir ? (await buildServer({ outDir: buildDir, entry: fileURLToPath(import.meta.url) })).entry : null;
  for (const size of SIZES) {
    // BENCH_REPORT_KEEP names a folder whose databases (one per size) are made once and kept, so
    // two versions of the code can be measured in turn on the same stored rows.
    const kept = KEEP ? path.join(KEEP, String(size)) : null;
    const dir = kept ?? (await mkdtemp(path.join(tmpdir(), 'indberet-bench-report-')));
    try {
      if (kept) await mkdir(kept, { recursive: true });
      const made = kept ? path.join(kept, 'setup.json') : null;
      const previous = made ? await readFile(made, 'utf8').catch(() => null) : null;
      const s = previous ? (JSON.parse(previous) as SetupResult) : (JSON.parse(child(['--setup', String(size), dir], compiled)) as SetupResult);
      if (made && !previous) await writeFile(made, JSON.stringify(s));
      results.push({ ...s, ...(JSON.parse(child(['--measure', String(size), dir], compiled)) as Result) });
    } finally {
      if (!kept) await rm(dir, { recursive: true, force: true });
    }
  }
  if (buildDir) await rm(buildDir, { recursive: true, force: true });
  const rows: (string | number)[][] = [
    ['reports', 'via workflows', 'item rows', 'SQL aggregate ms', 'read + datasets ms', 'memo ms', 'table ms', 'engine ms', 'ratio to SQL', 'peak RSS MB'],
  ];
  for (const r of results) {
    rows.push([fmt(r.size), fmt(r.filled), fmt(r.items), fmt(r.sqlMs, 1), fmt(r.datasetMs), fmt(r.memoMs), fmt(r.tableMs), fmt(r.engineMs), fmt(r.ratio, 2), fmt(r.peakRssMb)]);
  }
  printTable(rows);
  const small = results[0]!;
  const large = results[results.length - 1]!;
  // No parentheses before the goal: run-all's pattern reads up to the first one.
  const heap = `${large.heapLimitMb ? ` in a ${large.heapLimitMb} MB heap` : ' with the default V8 heap'}${compiled ? ', compiled' : ', under tsx'}`;
  console.log(`(medians of ${PAIRS} alternating pairs; engine = the store read page by page into datasets built once + memo context with charts + table from the same rows; ratio = median of per-pair engine ÷ SQL)`);
  console.log(`(setup: loading the round widened to ${fmt(large.size)} respondents took ${fmt(large.wideLoadMs)} ms and ${fmt(large.wideLoadRssMb)} MB RSS; not in the figures above)`);
  // The line bench/run-all.ts reads (its READERS.report).
  console.log(
    `report: engine for ${fmt(large.size)} reports in ${fmt(large.engineMs / 1000, 2)} s (goal <= 10), ` +
      `${fmt(large.ratio, 2)}x the SQL aggregate (goal <= 3), peak ${fmt(large.peakRssMb)} MB RSS${heap} (goal <= 300), ` +
      `growth ${fmt(large.engineMs / small.engineMs, 1)}x for 10x the reports (SQL ${fmt(large.sqlMs / small.sqlMs, 1)}x; linear = 10)`,
  );
}
