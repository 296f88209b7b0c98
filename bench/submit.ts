/**
 * Throughput of the submit route against a bare express route doing the same durable write (one
 * insert of the request body in a transaction, on the same database handle, so SQLite runs with
 * the same journal mode and `synchronous` setting and PostgreSQL with the same pool), measured in
 * the same run with autocannon over loopback, in alternating runs (bare, submit, bare, submit, …)
 * so the machine's load falls on both alike. The service runs in a child process (as in
 * production: one process), the load generator in this one.
 *
 * Each connection is one municipality's respondent. Its requests alternate between submitting the
 * report (POST …/submission/submit with the answers: engine validation, one transaction with a
 * version row, the contact and an audit entry) and the ministry reopening it (POST …/reopen), so the
 * submit can be repeated; both are full write paths with session lookup and CSRF check, and both
 * count as requests. Goal: at least 0.5 of the bare route's requests per second.
 *
 * On PostgreSQL it then starts a second instance on the same schema and compares, in alternating
 * runs at the same total connections (BENCH_SCALE_CONNECTIONS, default 64), one instance against
 * two (half the connections each). Goals: two give at least 1.7x one; p99 at most 50 ms at 64
 * connections on one instance, printed beside the bare route's p99 at the same connections (the
 * durable write's own tail on this machine).
 *
 * Run: npx tsx bench/submit.ts            (SQLite in a temporary folder)
 *      DATABASE_URL=postgres://… npx tsx bench/submit.ts   (a fresh PostgreSQL schema)
 *      BENCH_SECONDS=5 BENCH_CONNECTIONS=10 BENCH_PAIRS=3 BENCH_SCALE_CONNECTIONS=64 to change the load.
 *      BENCH_INSTANCE_CPU=0.4 to compare one instance with two once more, each held to 0.4 cores by a
 *      Linux control group (needs permission to create one), as a deployment gives each instance
 *      cores of its own; on a small machine shared by both instances, PostgreSQL and the load
 *      generator, that is the only way a second instance has anything to add.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import pino from 'pino';
import { sql } from 'kysely';
import { createDatabase } from '../engine/db/index.ts';
import { loadRounds } from '../engine/node.ts';
import { createUser, login, seedOrganisations, seedRounds } from '../engine/workflows/index.ts';
import { createApp, loadConfig } from '../server/index.ts';
import { holdToCpu } from './cpu-quota.ts';
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
  /** The database a second instance attaches to (PostgreSQL). */
  dbUrl?: string;
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
  // A second instance attaches to the first one's database and seeds nothing.
  const attach = process.env.BENCH_ATTACH;
  let options: { url?: string; dataDir?: string };
  let cleanup = () => {};
  if (attach) {
    options = { url: attach };
  } else if (url) {
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
  const registry = await loadRounds(path.join(ROOT, 'schemas'));
  // The benchmark runs at a fixed time inside the round, before its deadline.
  const clock = () => new Date('2024-05-15T10:00:00Z');
  const wf = { db: handle.db, registry, clock };
  const respondents = [];
  let admin = { cookie: '', csrf: '' };
  if (!attach) {
    const m = await handle.migrate();
    if (!m.ok) throw new Error(m.error);
    if (!(await seedRounds(wf)).ok) throw new Error('seed rounds');
    if (!(await seedOrganisations(wf, '2024')).ok) throw new Error('seed organisations');
    const session = async (email: string) => {
      const s = await login(wf, { email, password: PASSWORD, ip: '127.0.0.1' });
      if (!s.ok) throw new Error(s.code);
      return { cookie: `indberet_sid=${s.token}`, csrf: s.csrfToken };
    };
    // As many respondents as connections will run at once (seeding each costs two password hashes).
    const needed = Math.max(Number(process.env.BENCH_CONNECTIONS ?? 10), url && process.env.BENCH_SCALE !== '0' ? Number(process.env.BENCH_SCALE_CONNECTIONS ?? 64) : 0);
    // The sample answer is a one-unit report: respondents the round's table gives a single unit.
    const oneUnit = (k: string) => registry.round('2024')?.tables.kommuner?.[k]?.delt_administrativ_ledelse !== 'ja';
    const orgs = (await handle.db.selectFrom('organisations').select('code').orderBy('code').execute()).filter((o) => oneUnit(o.code)).slice(0, needed);
    for (const o of orgs) {
      const email = `r${o.code}@bench.dk`;
      const u = await createUser(wf, { email, navn: 'R', role: 'respondent', code: o.code, password: PASSWORD, actorId: null });
      if (!u.ok) throw new Error(u.code);
      respondents.push(await session(email));
    }
    const a = await createUser(wf, { email: 'admin@bench.dk', navn: 'A', role: 'admin', password: PASSWORD, actorId: null });
    if (!a.ok) throw new Error(a.code);
    admin = await session('admin@bench.dk');
    await sql`create table bench_bare (id text primary key, body text not null)`.execute(handle.db);
  }

  // Requests are logged as in production, to a sink, so logging costs what it costs.
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const app = createApp({ db: handle.db, registry, logger, config: loadConfig({}, { throttle: { ipFailures: 1e9 } }), clock });
  // The baseline: the same durable write without the service around it.
  const bare = express();
  bare.use(express.json());
  bare.post('/bare', (req, res, next) => {
    handle.db
      .transaction()
      .execute((trx) => sql`insert into bench_bare (id, body) values (${randomUUID()}, ${JSON.stringify(req.body)})`.execute(trx))
      .then(() => res.json({ ok: true }), next);
  });
  const listen = (x: express.Express) =>
    new Promise<string>((resolve) => {
      const s = x.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`));
    });
  const ready: Ready = { appUrl: await listen(app), bareUrl: await listen(bare), respondents, admin, dialect: handle.dialect, ...(options.url ? { dbUrl: options.url } : {}) };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.once('SIGTERM', () => {
    void handle.destroy().finally(() => {
      cleanup();
      setTimeout(() => process.exit(0), 200);
    });
  });
}

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; ready: Ready }> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'bench/submit.ts'), '--serve'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ child, ready: JSON.parse(buf.slice(0, nl)) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** One respondent's report as the load generator last saw it, kept across runs. */
interface RespondentState {
  readonly r: { cookie: string; csrf: string };
  version: string;
  status: string;
  sid?: string;
  /** Driven by a connection now: no other connection may take it. */
  taken?: boolean;
}

/**
 * Requests in a connection's sequence. autocannon deep-copies its options for every connection
 * before the run starts, so a long sequence stalls the load generator itself at the start of each
 * run (20 000 entries cost 64 connections about 1.4 s, which then showed as the server's p99), and
 * it clears the connection's context (its respondent) after the last entry, which `Cycle` handles.
 */
const SEQUENCE = 100;

/** The submit + reopen cycle, driving respondents `from`… one per connection, against `appUrl`. */
class Cycle {
  submits = 0;
  failures = 0;
  firstFailure = '';
  constructor(
    private readonly states: RespondentState[],
    private readonly admin: { cookie: string; csrf: string },
  ) {}

  /** Reads every respondent's report before a run, so a response lost when the last run stopped leaves no stale version. */
  async refresh(appUrl: string, count: number): Promise<void> {
    // A request the last run abandoned may still be in the server: let it finish before reading.
    await new Promise((r) => setTimeout(r, 250));
    for (const st of this.states.slice(0, count)) {
      const res = await fetch(`${appUrl}${OWN}`, { headers: { cookie: st.r.cookie } });
      const body = (await res.json()) as { submission?: { status: string; version: number; id?: string } };
      st.status = body.submission?.status ?? 'new';
      st.version = `"${body.submission?.version ?? 0}"`;
      if (body.submission?.id) st.sid = body.submission.id;
    }
  }

  options(appUrl: string, from: number, connections: number, duration: number) {
    const own = this.states.slice(from, from + connections);
    for (const st of own) st.taken = false;
    // A connection whose context was cleared takes a respondent no connection drives: the one it
    // drove was given back with the sequence's last response, so no respondent is driven twice.
    type Ctx = { st?: RespondentState; sent?: number };
    const request = {
      method: 'POST' as const,
      setupRequest: (req: any, ctx: Ctx) => {
        if (!ctx.st) {
          ctx.st = own.find((x) => !x.taken);
          if (!ctx.st) throw new Error('more connections than respondents');
          ctx.st.taken = true;
          ctx.sent = 0;
        }
        const st = ctx.st;
        ctx.sent!++;
        if (st.status === 'submitted') {
          return { ...req, path: `/api/admin/submissions/${st.sid}/reopen`, headers: { cookie: this.admin.cookie, 'x-csrf-token': this.admin.csrf }, body: undefined };
        }
        return { ...req, path: SUBMIT, headers: { cookie: st.r.cookie, 'x-csrf-token': st.r.csrf, 'content-type': 'application/json', 'if-match': st.version }, body: BODY };
      },
      onResponse: (status: number, body: string, ctx: Ctx, headers: Record<string, string>) => {
        const st = ctx.st!;
        if (status === 200) {
          if (st.status === 'submitted') st.status = 'reopened';
          else {
            st.status = 'submitted';
            this.submits++;
            st.sid ??= /"id":"([^"]+)"/.exec(body)?.[1];
          }
          st.version = headers.etag ?? headers.ETag ?? st.version;
        } else {
          this.failures++;
          this.firstFailure ||= `${status} ${body.slice(0, 200)}`;
          // A request that timed out in the load generator may still have been stored: follow the server.
          if (body.includes('ALREADY_SUBMITTED')) st.status = 'submitted';
        }
        // The sequence's last response: autocannon clears the context before the next request.
        if (ctx.sent === SEQUENCE) st.taken = false;
      },
    };
    return { url: appUrl, connections, duration, requests: Array.from({ length: SEQUENCE }, () => request) };
  }
}

const OWN = '/api/rounds/2024/forms/maaltal/submission';

type Run = { rps: number; p99: number; total: number; cpuMs: number; non2xx: number };

async function run(opts: Parameters<typeof autocannon>[0], pid: number): Promise<Run> {
  const cpu = serverCpuMs(pid);
  const r = await autocannon(opts);
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, cpuMs: serverCpuMs(pid) - cpu, non2xx: r.non2xx };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[], d = 2): string => `${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)}`;

async function measure(): Promise<number> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const pairs = Number(process.env.BENCH_PAIRS ?? 3);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => fmt(l, 2)).join(' ')} at start`);
  const t0 = performance.now();
  const a = await startServer(process.env);
  const ready = a.ready;
  console.error(`server ready after ${fmt((performance.now() - t0) / 1000, 1)} s (seeding ${ready.respondents.length} respondents)`);
  const states: RespondentState[] = ready.respondents.map((r) => ({ r, version: '"0"', status: 'new' }));
  const cycle = new Cycle(states, ready.admin);
  let failed = false;
  let release = () => {};
  try {
    const bareOpts = { url: `${ready.bareUrl}/bare`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: BODY, connections };
    await autocannon({ ...bareOpts, duration: 2 }); // warm-up
    await autocannon(cycle.options(ready.appUrl, 0, connections, 2));
    const bares: Run[] = [];
    const apps: Run[] = [];
    for (let i = 0; i < pairs; i++) {
      console.error(`pair ${i + 1} of ${pairs}`);
      bares.push(await run({ ...bareOpts, duration: seconds }, a.child.pid!));
      await cycle.refresh(ready.appUrl, connections);
      apps.push(await run(cycle.options(ready.appUrl, 0, connections, seconds), a.child.pid!));
    }
    const ratios = apps.map((x, i) => x.rps / bares[i]!.rps);
    const cpuPer = (r: Run) => (r.cpuMs * 1000) / r.total;
    console.log(`submit benchmark (${ready.dialect}, ${connections} connections, ${pairs} alternating pairs of ${seconds} s)`);
    printTable([
      ['route', 'req/s (median)', 'runs', 'p99 ms (median)', 'non-2xx', 'server CPU µs/req'],
      ['bare: insert in a transaction', fmt(med(bares.map((r) => r.rps))), bares.map((r) => fmt(r.rps)).join(' '), fmt(med(bares.map((r) => r.p99)), 1), bares.reduce((n, r) => n + r.non2xx, 0), fmt(med(bares.map(cpuPer)))],
      ['submit + reopen cycle', fmt(med(apps.map((r) => r.rps))), apps.map((r) => fmt(r.rps)).join(' '), fmt(med(apps.map((r) => r.p99)), 1), apps.reduce((n, r) => n + r.non2xx, 0), fmt(med(apps.map(cpuPer)))],
    ]);
    console.log(`submit: ratio ${fmt(med(ratios), 2)} of bare (goal >= 0.50), pairs ${spread(ratios)}`);
    failed ||= apps.some((r) => r.non2xx > 0) || bares.some((r) => r.non2xx > 0);

    if (ready.dbUrl && process.env.BENCH_SCALE !== '0') {
      const total = Number(process.env.BENCH_SCALE_CONNECTIONS ?? 64);
      if (states.length < total) throw new Error(`${total} connections need ${total} respondents; there are ${states.length}`);
      const b = await startServer({ ...process.env, BENCH_ATTACH: ready.dbUrl });
      try {
        await autocannon(cycle.options(b.ready.appUrl, total / 2, total / 2, 2)); // warm the second instance
        // The bare route at the same connections: the p99 the machine's own durable write reaches.
        const bares64: Run[] = [];
        const scale = async (label: string, withBare: boolean): Promise<Run[]> => {
          const ones: Run[] = [];
          const twos: number[] = [];
          for (let i = 0; i < pairs; i++) {
            if (withBare) bares64.push(await run({ ...bareOpts, connections: total, duration: seconds }, a.child.pid!));
            await cycle.refresh(ready.appUrl, total);
            ones.push(await run(cycle.options(ready.appUrl, 0, total, seconds), a.child.pid!));
            await cycle.refresh(ready.appUrl, total);
            const [x, y] = await Promise.all([autocannon(cycle.options(ready.appUrl, 0, total / 2, seconds)), autocannon(cycle.options(b.ready.appUrl, total / 2, total / 2, seconds))]);
            twos.push(x.requests.average + y.requests.average);
            failed ||= x.non2xx + y.non2xx > 0;
          }
          const ratios = twos.map((t, i) => t / ones[i]!.rps);
          console.log(`scale-out (postgres, ${total} connections in all, ${pairs} alternating pairs of ${seconds} s${label})`);
          printTable([
            ['instances', 'req/s (median)', 'runs'],
            ['one', fmt(med(ones.map((r) => r.rps))), ones.map((r) => fmt(r.rps)).join(' ')],
            ['two', fmt(med(twos)), twos.map((r) => fmt(r)).join(' ')],
          ]);
          console.log(`scale: ratio ${fmt(med(ratios), 2)} of one instance (goal >= 1.70)${label}, pairs ${spread(ratios)}`);
          failed ||= ones.some((r) => r.non2xx > 0);
          return ones;
        };
        const ones = await scale('', true);
        const p99s = ones.map((r) => r.p99);
        const bareP99s = bares64.map((r) => r.p99);
        console.log(
          `p99 at ${total} connections: ${fmt(med(p99s), 1)} ms (goal <= 50), runs ${spread(p99s, 1)}; ` +
            `the bare route's at ${total} connections, alternated: ${fmt(med(bareP99s), 1)} ms, runs ${spread(bareP99s, 1)} (${fmt(med(bares64.map((r) => r.rps)))} req/s)`,
        );
        failed ||= bares64.some((r) => r.non2xx > 0);
        // With a share of the cores for each instance (BENCH_INSTANCE_CPU, in cores), as a deployment
        // gives each instance its own: the machine then has room left for the second instance.
        const share = Number(process.env.BENCH_INSTANCE_CPU ?? 0);
        if (share > 0) {
          const held = [a.child.pid!, b.child.pid!].map((pid, i) => holdToCpu(pid, share, `indberet-bench-${process.pid}-${i}`));
          // The groups are removed once the instances have stopped.
          release = () => held.forEach((h) => 'release' in h && h.release());
          const problem = held.find((h): h is { error: string } => 'error' in h);
          if (problem) console.log(`scale-out with ${share} cores an instance: not measured (${problem.error})`);
          else await scale(`, each instance held to ${share} cores`, false);
        }
      } finally {
        await stopServer(b.child);
      }
    }
    console.log(`machine: load average ${os.loadavg().map((l) => fmt(l, 2)).join(' ')} at end`);
    if (failed || cycle.failures > 0) {
      console.error(`failures: ${cycle.failures}; first: ${cycle.firstFailure}`);
      return 1;
    }
    return 0;
  } finally {
    await stopServer(a.child);
    release();
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
