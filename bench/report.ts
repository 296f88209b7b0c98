/**
 * The memo and the published table for many synthetic reports against one SQL aggregate over the
 * same stored rows (SQLite, JSON1), measured in the same run; at 10 000 and 100 000 reports, each
 * size in its own process so its peak memory is its own. Goal at 100 000: memo + table within
 * 10 s and 500 MB, and time growing linearly from 10 000.
 *
 * The stored rows are written by one process and measured by another, so the peak memory printed
 * is that of reading the rows, the SQL aggregate, the memo and the table, not of making test data.
 *
 * The measuring process runs with a V8 heap limit of HEAP_MB.
 *
 * Run: npx tsx bench/report.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDatabase } from '../engine/db/index.ts';
import { loadRounds, type Round } from '../engine/node.ts';
import {
  buildMemoContext,
  buildTable,
  createRng,
  loadRoundTemplates,
  loadSubmittedReports,
  syntheticAnswers,
  tableToCsv,
  type MaaltalSvar,
  type ReportRound,
} from '../reports/index.ts';
import { fmt, printTable } from './measure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [10_000, 100_000];
/** Distinct validated answers reused across the synthetic organisations (the engine validates each once). */
const TEMPLATES = 2_000;

interface Result {
  size: number;
  units: number;
  sqlMs: number;
  loadMs: number;
  memoMs: number;
  tableMs: number;
  memoBytes: number;
  csvBytes: number;
  peakRssMb: number;
}

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};

function syntheticRound(real: Round, size: number): ReportRound {
  const regions = Object.entries(real.tables.regioner!);
  // A round like 2024 with `size` organisations instead of 98.
  const kommuner: Record<string, Record<string, string>> = {};
  for (let i = 0; i < size; i++) {
    const [regionskode, r] = regions[i % regions.length]!;
    const code = `K${String(i).padStart(6, '0')}`;
    kommuner[code] = { kommunekode: code, navn: `Kommune ${i}`, regionskode, regionsnavn: r.regionsnavn!, delt_administrativ_ledelse: i % 25 === 0 ? 'ja' : 'nej' };
  }
  return { id: 'bench', title: real.title, settings: real.settings, tables: { ...real.tables, kommuner } };
}

const AT = '2024-05-01T10:00:00.000Z';

/** Writes `size` submitted reports, validated by the engine, into a fresh SQLite file under `dir`. */
async function setup(size: number, dir: string): Promise<number> {
  const registry = await loadRounds(path.join(ROOT, 'schemas'));
  const real = registry.round('2024')!;
  const form = registry.form('2024', 'maaltal')!;
  const round = syntheticRound(real, size);
  const kommuner = round.tables.kommuner!;
  const rng = createRng(size);
  const realCodes = Object.keys(real.tables.kommuner!);
  const answers: MaaltalSvar[] = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const code = realCodes[i % realCodes.length]!;
    const k = real.tables.kommuner![code]!;
    const v = form.validate(syntheticAnswers({ kommunekode: code, navn: k.navn!, delt: k.delt_administrativ_ledelse === 'ja' }, { rng, prepare: form.prepare, aar: 2024 }));
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    answers.push(v.value as MaaltalSvar);
  }
  // Store the rows as the service does: organisations and submitted submissions, answers as JSON text.
  const handle = createDatabase({ dataDir: dir });
  const db = handle.db;
  let units = 0;
  try {
    const m = await handle.migrate();
    if (!m.ok) throw new Error(m.error);
    await db.insertInto('rounds').values({ id: 'bench', title: 'bench', hash: 'x', settings: '{}', loaded_at: AT, opened_at: AT }).execute();
    const codes = Object.keys(kommuner);
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < size; start += 500) {
        const orgs = [];
        const subs = [];
        for (let i = start; i < Math.min(size, start + 500); i++) {
          const code = codes[i]!;
          const k = kommuner[code]!;
          const a = { ...answers[i % TEMPLATES]!, kommunekode: code };
          units += a.enheder.length;
          orgs.push({ id: `o${i}`, kommunekode: code, navn: k.navn!, regionskode: k.regionskode!, regionsnavn: k.regionsnavn!, delt_ledelse: 0, created_at: AT });
          subs.push({
            id: `s${i}`,
            round_id: 'bench',
            form_name: 'maaltal',
            organisation_id: `o${i}`,
            status: 'submitted' as const,
            answers: JSON.stringify(a),
            schema_hash: form.hash,
            version: 2,
            created_at: AT,
            updated_at: AT,
            updated_by: null,
            submitted_at: AT,
            submitted_by: null,
          });
        }
        await trx.insertInto('organisations').values(orgs).execute();
        await trx.insertInto('submissions').values(subs).execute();
      }
    });
  } finally {
    await handle.destroy();
  }
  return units;
}

/** Measures the SQL aggregate, then reading the rows, the memo and the table, over the stored rows. */
async function measure(size: number, dir: string, units: number): Promise<Result> {
  const registry = await loadRounds(path.join(ROOT, 'schemas'));
  const real = registry.round('2024')!;
  const form = registry.form('2024', 'maaltal')!;
  const round = syntheticRound(real, size);
  const templates = await loadRoundTemplates(path.join(ROOT, 'schemas'), real);
  const handle = createDatabase({ dataDir: dir });
  const db = handle.db;
  try {
    // Baseline: one aggregate in SQL over the same rows — counts by region, women, persons, equal units.
    const aggregate = () =>
      sql<{ regionskode: string; n: number; kvinder: number; antal: number; ligelige: number }>`
        select o.regionskode, count(distinct s.organisation_id) as n,
               sum(json_extract(e.value, '$.kvinder')) as kvinder, sum(json_extract(e.value, '$.antal')) as antal,
               sum(json_extract(e.value, '$.ligelig')) as ligelige
        from submissions s join organisations o on o.id = s.organisation_id, json_each(s.answers, '$.enheder') e
        where s.round_id = 'bench' and s.form_name = 'maaltal' and s.status = 'submitted'
        group by o.regionskode`.execute(db);
    await aggregate(); // warm the page cache, as the memo side reads warm rows too
    const sqlTimes: number[] = [];
    let agg;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      agg = await aggregate();
      sqlTimes.push(performance.now() - t);
    }
    sqlTimes.sort((a, b) => a - b);

    const t0 = performance.now();
    const reports = await loadSubmittedReports(db, 'bench');
    const loadMs = performance.now() - t0;
    if (reports.length !== size) throw new Error(`read ${reports.length} of ${size}`);

    const [[memo, memoWomen], memoMs] = time(() => {
      const context = buildMemoContext({ round, reports, generatedAt: AT });
      return [templates.set!.render('memo', context), context.koen.samlet.kvinder] as const;
    });
    // Both sides must agree on what they counted.
    const sqlWomen = agg!.rows.reduce((s, r) => s + Number(r.kvinder), 0);
    if (sqlWomen !== memoWomen) throw new Error(`women: sql ${sqlWomen}, memo ${memoWomen}`);
    const [csv, tableMs] = time(() => tableToCsv(buildTable({ round, schema: form.schema, reports }).table));

    return {
      size,
      units,
      sqlMs: sqlTimes[1]!,
      loadMs,
      memoMs,
      tableMs,
      memoBytes: Buffer.byteLength(memo),
      csvBytes: Buffer.byteLength(csv),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await handle.destroy();
  }
}

/**
 * The measuring process runs with this V8 heap limit. Without one V8 on a large machine grows the
 * heap lazily (about 530 MB RSS here for the same work); with it, the run has to fit the budget,
 * and any extra garbage collection it costs shows in the times.
 */
const HEAP_MB = 384;

function child(args: string[], heapMb?: number): string {
  const flags = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  return execFileSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
}

const [mode, sizeArg, dirArg, unitsArg] = process.argv.slice(2);
if (mode === '--setup') {
  process.stdout.write(String(await setup(Number(sizeArg), dirArg!)));
} else if (mode === '--measure') {
  process.stdout.write(JSON.stringify(await measure(Number(sizeArg), dirArg!, Number(unitsArg))));
} else {
  const results: Result[] = [];
  for (const size of SIZES) {
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-bench-report-'));
    try {
      const units = child(['--setup', String(size), dir]);
      results.push(JSON.parse(child(['--measure', String(size), dir, units], HEAP_MB)) as Result);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const rows: (string | number)[][] = [['reports', 'units', 'SQL aggregate ms', 'read rows ms', 'memo ms', 'table CSV ms', 'memo+table ms', 'ratio to SQL', 'peak RSS MB']];
  for (const r of results) {
    const total = r.memoMs + r.tableMs;
    rows.push([fmt(r.size), fmt(r.units), fmt(r.sqlMs, 1), fmt(r.loadMs), fmt(r.memoMs), fmt(r.tableMs), fmt(total), fmt(total / r.sqlMs, 2), fmt(r.peakRssMb)]);
  }
  printTable(rows);
  const [small, large] = results as [Result, Result];
  const growth = (large.memoMs + large.tableMs) / (small.memoMs + small.tableMs);
  const total = large.memoMs + large.tableMs;
  console.log(
    `report: memo+table for ${fmt(large.size)} reports in ${fmt(total / 1000, 2)} s (goal <= 10), ` +
      `${fmt(total / large.sqlMs, 2)}x the SQL aggregate, peak ${fmt(large.peakRssMb)} MB RSS in a ${HEAP_MB} MB heap (goal <= 500), ` +
      `growth ${fmt(growth, 1)}x for 10x the reports (SQL ${fmt(large.sqlMs / small.sqlMs, 1)}x; linear = 10)`,
  );
}
