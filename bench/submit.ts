/**
 * Throughput of the submit route against a bare express JSON route, measured in the same run with
 * autocannon over loopback. The service runs in a child process (as in production: one process),
 * the load generator in this one.
 *
 * Each connection is one municipality's respondent. Its requests alternate between submitting the
 * report (POST …/submission/submit with the answers: engine validation, one transaction with a
 * version row, the contact and an audit entry) and the ministry reopening it (POST …/reopen), so the
 * submit can be repeated; both are full write paths with session lookup and CSRF check, and both
 * count as requests. The bare route parses the same JSON body and answers a small JSON object.
 * Goal: the submit cycle reaches at least 0.5 of the bare route's requests per second.
 *
 * Run: npx tsx bench/submit.ts            (SQLite in a temporary folder)
 *      DATABASE_URL=postgres://… npx tsx bench/submit.ts   (a fresh PostgreSQL schema)
 *      BENCH_SECONDS=10 BENCH_CONNECTIONS=10 to change the load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import pino from 'pino';
import { sql } from 'kysely';
import { createDatabase } from '../engine/db/index.ts';
import { loadRounds } from '../engine/node.ts';
import { createUser, login, seedOrganisations, seedRounds } from '../engine/workflows/index.ts';
import { createApp, loadConfig } from '../server/index.ts';
import { fmt, printTable } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SUBMIT = '/api/rounds/2024/forms/maaltal/submission/submit';
const PASSWORD = 'benchmark-adgangskode';

/** What the child tells the parent once both servers listen. */
interface Ready {
  appUrl: string;
  bareUrl: string;
  respondents: Array<{ cookie: string; csrf: string }>;
  admin: { cookie: string; csrf: string };
  dialect: string;
}

const BODY = JSON.stringify({
  answers: {
    enheder: [
      {
        navn: 'Kommunens øverste ledelse',
        niveau1: { kvinder: 0, maend: 1 },
        niveau2: { kvinder: 1, maend: 4 },
        tidligereMaal: { status: 'intet' },
        maaltal: { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2026 },
        politik: { findes: true, indhold: 'Rekruttering med kønsbalancerede ansøgerfelter.', handlinger: 'Begge køn på alle shortlister.' },
      },
    ],
    kontakt: { navn: 'Kontakt Person', email: 'kontakt@example.dk' },
  },
});

async function serve(): Promise<void> {
  const url = process.env.DATABASE_URL;
  let options: { url?: string; dataDir?: string };
  let cleanup = () => {};
  if (url) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = createDatabase({ url, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.destroy();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    options = { url: u.toString() };
    cleanup = () => {
      const a = createDatabase({ url, poolSize: 1 });
      void sql`drop schema ${sql.id(schema)} cascade`.execute(a.db).finally(() => a.destroy());
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'indberet-bench-'));
    options = { dataDir: dir };
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  const handle = createDatabase(options);
  const m = await handle.migrate();
  if (!m.ok) throw new Error(m.error);
  const registry = await loadRounds(path.join(ROOT, 'schemas'));
  // The benchmark runs at a fixed time inside the round, before its deadline.
  const clock = () => new Date('2024-05-15T10:00:00Z');
  const wf = { db: handle.db, registry, clock };
  if (!(await seedRounds(wf)).ok) throw new Error('seed rounds');
  if (!(await seedOrganisations(wf, '2024')).ok) throw new Error('seed organisations');
  const session = async (email: string) => {
    const s = await login(wf, { email, password: PASSWORD, ip: '127.0.0.1' });
    if (!s.ok) throw new Error(s.code);
    return { cookie: `indberet_sid=${s.token}`, csrf: s.csrfToken };
  };
  const orgs = await handle.db.selectFrom('organisations').select('kommunekode').where('delt_ledelse', '=', 0).orderBy('kommunekode').execute();
  const respondents = [];
  for (const o of orgs) {
    const email = `r${o.kommunekode}@bench.dk`;
    const u = await createUser(wf, { email, navn: 'R', role: 'respondent', kommunekode: o.kommunekode, password: PASSWORD, actorId: null });
    if (!u.ok) throw new Error(u.code);
    respondents.push(await session(email));
  }
  const a = await createUser(wf, { email: 'admin@bench.dk', navn: 'A', role: 'admin', password: PASSWORD, actorId: null });
  if (!a.ok) throw new Error(a.code);

  // Requests are logged as in production, to a sink, so logging costs what it costs.
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const app = createApp({ db: handle.db, registry, logger, config: loadConfig({}, { throttle: { ipFailures: 1e9 } }), clock });
  const bare = express();
  bare.use(express.json());
  bare.post('/bare', (req, res) => {
    res.json({ ok: true, keys: Object.keys(req.body as object).length });
  });
  const listen = (x: express.Express) =>
    new Promise<string>((resolve) => {
      const s = x.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`));
    });
  const ready: Ready = { appUrl: await listen(app), bareUrl: await listen(bare), respondents, admin: await session('admin@bench.dk'), dialect: handle.dialect };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.once('SIGTERM', () => {
    void handle.destroy().finally(() => {
      cleanup();
      setTimeout(() => process.exit(0), 200);
    });
  });
}

async function measure(): Promise<number> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'bench/submit.ts'), '--serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  const ready: Ready = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    const bareOpts = {
      url: `${ready.bareUrl}/bare`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections,
    };
    // BENCH_PROFILE skips the bare route so the server's profile shows the submit path alone.
    if (!process.env.BENCH_PROFILE) await autocannon({ ...bareOpts, duration: 2 }); // warm-up
    let cpu = serverCpuMs(child.pid!);
    const bare = await autocannon({ ...bareOpts, duration: process.env.BENCH_PROFILE ? 1 : seconds });
    const bareCpu = serverCpuMs(child.pid!) - cpu;

    let nextRespondent = 0;
    let submits = 0;
    let failures = 0;
    let firstFailure = '';
    type Ctx = { r?: { cookie: string; csrf: string }; version?: string; sid?: string };
    const submitReq = {
      method: 'POST' as const,
      path: SUBMIT,
      setupRequest: (req: any, ctx: Ctx) => {
        ctx.r ??= ready.respondents[nextRespondent++];
        if (!ctx.r) throw new Error('more connections than respondents');
        return { ...req, headers: { cookie: ctx.r.cookie, 'x-csrf-token': ctx.r.csrf, 'content-type': 'application/json', 'if-match': ctx.version ?? '"0"' }, body: BODY };
      },
      onResponse: (status: number, body: string, ctx: Ctx, headers: Record<string, string>) => {
        if (status === 200) {
          submits++;
          ctx.version = headers.etag ?? headers.ETag;
          ctx.sid ??= /"id":"([^"]+)"/.exec(body)?.[1];
        } else {
          failures++;
          firstFailure ||= `${status} ${body.slice(0, 200)}`;
        }
      },
    };
    const reopenReq = {
      method: 'POST' as const,
      setupRequest: (req: any, ctx: Ctx) => ({
        ...req,
        path: `/api/admin/submissions/${ctx.sid}/reopen`,
        headers: { cookie: ready.admin.cookie, 'x-csrf-token': ready.admin.csrf },
        body: undefined,
      }),
      onResponse: (status: number, body: string, ctx: Ctx, headers: Record<string, string>) => {
        if (status === 200) ctx.version = headers.etag ?? headers.ETag;
        else {
          failures++;
          firstFailure ||= `${status} ${body.slice(0, 200)}`;
        }
      },
    };
    // A long sequence so a connection's context (its respondent and version) is never reset mid-run.
    const requests = Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? submitReq : reopenReq));
    const appOpts = { url: ready.appUrl, connections, requests };
    await autocannon({ ...appOpts, duration: 2 }); // warm-up (uses its own respondents)
    submits = 0;
    failures = 0;
    cpu = serverCpuMs(child.pid!);
    const app = await autocannon({ ...appOpts, duration: seconds });
    const appCpu = serverCpuMs(child.pid!) - cpu;

    // For the breakdown: the app's middleware stack and session lookup alone, on a read route.
    const meOpts = { url: `${ready.appUrl}/api/auth/me`, headers: { cookie: ready.admin.cookie }, connections };
    cpu = serverCpuMs(child.pid!);
    const me = await autocannon({ ...meOpts, duration: process.env.BENCH_PROFILE ? 1 : seconds });
    const meCpu = serverCpuMs(child.pid!) - cpu;

    const ratio = app.requests.average / bare.requests.average;
    console.log(`submit benchmark (${ready.dialect}, ${connections} connections, ${seconds} s each)`);
    printTable([
      ['route', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'server CPU %', 'server CPU µs/req'],
      ['bare express JSON', fmt(bare.requests.average), fmt(bare.latency.p50, 1), fmt(bare.latency.p99, 1), bare.non2xx, fmt(bareCpu / seconds / 10), fmt((bareCpu * 1000) / bare.requests.total)],
      ['app GET /api/auth/me', fmt(me.requests.average), fmt(me.latency.p50, 1), fmt(me.latency.p99, 1), me.non2xx, fmt(meCpu / seconds / 10), fmt((meCpu * 1000) / me.requests.total)],
      ['submit + reopen cycle', fmt(app.requests.average), fmt(app.latency.p50, 1), fmt(app.latency.p99, 1), app.non2xx, fmt(appCpu / seconds / 10), fmt((appCpu * 1000) / app.requests.total)],
    ]);
    console.log(`submits/s: ${fmt(submits / seconds)}`);
    console.log(`submit: ratio ${fmt(ratio, 2)} of bare (goal >= 0.50), p99 ${fmt(app.latency.p99, 1)} ms vs ${fmt(bare.latency.p99, 1)} ms`);
    console.log(`server CPU per request: submit cycle ${fmt((appCpu * 1000) / app.requests.total)} µs, bare ${fmt((bareCpu * 1000) / bare.requests.total)} µs (CPU ratio ${fmt((bareCpu / bare.requests.total) / (appCpu / app.requests.total), 2)})`);
    if (failures > 0 || app.non2xx > 0) {
      console.error(`failures: ${failures}; first: ${firstFailure}`);
      return 1;
    }
    return 0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** User plus system CPU time a process has used, from /proc (Linux), in ms. */
function serverCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

if (process.argv.includes('--serve')) await serve();
else process.exitCode = await measure();
