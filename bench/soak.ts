/**
 * Soak: mixed traffic at a fixed arrival rate against the service on loopback for five minutes
 * (SOAK_SECONDS), with the server in a child process as in production. Respondents read and save
 * drafts, submit, look at their pages; the ministry reopens what was submitted so the cycle goes
 * on; analysts read the submitted list and the table preview; someone logs in and out, someone
 * guesses a password. Every response must be the one expected for its request (a throttled guess
 * is expected; a 5xx, a time-out or a connection error never is).
 *
 * Memory is the server's own, after a full garbage collection: printed at start, every 30 s and
 * at the end. It fails when any request failed, or when the heap grew by more than SOAK_HEAP_MB
 * (default 16 MB) or RSS by more than SOAK_RSS_MB (default 96 MB) from the first sample after
 * warm-up to the end.
 *
 * Run: npm run soak                     (SQLite in a temporary folder, 300 s at 40 requests/s)
 *      SOAK_TIMEOUT_MS (default 10 000): a slower request counts as an error
 *      SOAK_SECONDS=60 SOAK_RATE=60 npm run soak
 *      DATABASE_URL=postgres://… npm run soak   (a fresh PostgreSQL schema)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { sql } from 'kysely';
import { createDatabase } from '../engine/db/index.ts';
import { loadRounds } from '../engine/node.ts';
import { createUser, login, seedOrganisations, seedRounds } from '../engine/workflows/index.ts';
import { createApp, loadConfig } from '../server/index.ts';
import { fmt } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'soak-adgangskode-lang-nok';
const OWN = '/api/rounds/2024/forms/maaltal/submission';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 40);
const WARMUP_SECONDS = Math.min(20, Math.max(5, Math.round(SECONDS / 10)));
const HEAP_BOUND_MB = Number(process.env.SOAK_HEAP_MB ?? 16);
const RSS_BOUND_MB = Number(process.env.SOAK_RSS_MB ?? 96);
const SAMPLE_EVERY_S = 30;
/** A request slower than this counts as an error (the machine may be shared, so it is generous). */
const TIMEOUT_MS = Number(process.env.SOAK_TIMEOUT_MS ?? 10_000);
/** More requests open than this means the server has fallen behind the fixed rate. */
const MAX_IN_FLIGHT = 200;

interface Session {
  cookie: string;
  csrf: string;
}
interface Ready {
  url: string;
  dialect: string;
  respondents: Array<Session & { code: string }>;
  admin: Session;
  analyst: Session;
  loginEmail: string;
  guessEmail: string;
}

const unit = (navn: string) => ({
  navn,
  niveau1: { kvinder: 0, maend: 1 },
  niveau2: { kvinder: 1, maend: 4 },
  tidligereMaal: { status: 'intet' },
  maaltal: { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2026 },
  politik: { findes: true, indhold: 'Rekruttering med kønsbalancerede ansøgerfelter.', handlinger: 'Begge køn på alle shortlister.' },
});

/* ------------------------------------------------------------------ server (child process) */

async function serve(): Promise<void> {
  const url = process.env.DATABASE_URL;
  let options: { url?: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'indberet-soak-'));
  if (url) {
    const schema = `soak_${randomBytes(4).toString('hex')}`;
    const admin = createDatabase({ url, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.destroy();
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    options = { url: u.toString() };
    cleanup = async () => {
      const a = createDatabase({ url, poolSize: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a.db);
      await a.destroy();
    };
  } else {
    options = { dataDir };
    cleanup = async () => undefined;
  }
  const handle = createDatabase(options);
  const m = await handle.migrate();
  if (!m.ok) throw new Error(m.error);
  const registry = await loadRounds(path.join(ROOT, 'schemas'));
  // A fixed moment inside the round: submits are open and sessions do not age during the soak.
  const clock = () => new Date('2024-05-15T10:00:00Z');
  const wf = { db: handle.db, registry, clock };
  if (!(await seedRounds(wf)).ok) throw new Error('seed rounds');
  if (!(await seedOrganisations(wf, '2024')).ok) throw new Error('seed organisations');
  const user = async (email: string, role: 'admin' | 'analyst' | 'respondent', code?: string) => {
    const u = await createUser(wf, { email, navn: email, role, ...(code ? { code } : {}), password: PASSWORD, actorId: null });
    if (!u.ok) throw new Error(u.code);
  };
  const session = async (email: string): Promise<Session> => {
    const s = await login(wf, { email, password: PASSWORD, ip: '127.0.0.1' });
    if (!s.ok) throw new Error(s.code);
    return { cookie: `indberet_sid=${s.token}`, csrf: s.csrfToken };
  };
  // The sample answer is a one-unit report: respondents the round's table gives a single unit.
  const oneUnit = (k: string) => registry.round('2024')?.tables.kommuner?.[k]?.delt_administrativ_ledelse !== 'ja';
  const orgs = (await handle.db.selectFrom('organisations').select('code').orderBy('code').execute()).filter((o) => oneUnit(o.code)).slice(0, 40);
  const respondents = [];
  for (const o of orgs) {
    await user(`r${o.code}@soak.dk`, 'respondent', o.code);
    respondents.push({ code: o.code, ...(await session(`r${o.code}@soak.dk`)) });
  }
  await user('admin@soak.dk', 'admin');
  await user('analytiker@soak.dk', 'analyst');
  await user('logind@soak.dk', 'analyst');
  await user('gaet@soak.dk', 'analyst');
  // Requests are logged as in production, to a sink, so logging costs what it costs. The address
  // limit is lifted: every request comes from 127.0.0.1, and the account limit is what the
  // guesser meets.
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const config = loadConfig({}, { dataDir, throttle: { ipFailures: 1e9 } });
  const app = createApp({ db: handle.db, registry, logger, config, clock });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const ready: Ready = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dialect: handle.dialect,
    respondents,
    admin: await session('admin@soak.dk'),
    analyst: await session('analytiker@soak.dk'),
    loginEmail: 'logind@soak.dk',
    guessEmail: 'gaet@soak.dk',
  };
  process.on('message', (msg) => {
    if (msg !== 'memory') return;
    // A full collection first, so the figure is what is retained, not what is waiting for the GC.
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ memory: process.memoryUsage() });
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void handle
      .destroy()
      .then(cleanup)
      .finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
  });
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

/* ------------------------------------------------------------------ load (parent process) */

interface Respondent extends Session {
  code: string;
  busy: boolean;
  version: number;
  status: string;
  id: string | null;
  /** A write failed or timed out, so its outcome is unknown: reload before writing again, as a browser would. */
  stale: boolean;
}

type Outcome = { ok: true } | { ok: false; why: string };

async function request(base: string, s: Session | null, method: string, p: string, opts: { body?: unknown; ifMatch?: number } = {}) {
  const headers: Record<string, string> = {};
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + p, {
    method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

const expectStatus = (name: string, got: number, ...want: number[]): Outcome => (want.includes(got) ? { ok: true } : { ok: false, why: `${name}: ${got}` });

/** The traffic mix: a weight and what one request of the kind does. */
function mix(ready: Ready, respondents: Respondent[]) {
  const free = () => {
    const idle = respondents.filter((r) => !r.busy);
    return idle.length > 0 ? idle[Math.floor(Math.random() * idle.length)]! : undefined;
  };
  const any = () => respondents[Math.floor(Math.random() * respondents.length)]!;
  let loginSession: Session | null = null;
  const kinds: Array<[number, string, () => Promise<Outcome>]> = [
    [20, 'read own report', async () => expectStatus('read own report', (await request(ready.url, any(), 'GET', OWN)).status, 200)],
    [
      30,
      'write (save, submit or reopen)',
      async () => {
        const r = free();
        if (!r) return expectStatus('health', (await request(ready.url, null, 'GET', '/healthz')).status, 200);
        r.busy = true;
        let done = false;
        try {
          if (r.stale) {
            const own = await request(ready.url, r, 'GET', OWN);
            if (own.status !== 200) return { ok: false, why: `reload own report: ${own.status}` };
            ({ id: r.id, version: r.version, status: r.status } = JSON.parse(own.text).submission);
            r.stale = false;
          }
          if (r.status === 'submitted') {
            const res = await request(ready.url, ready.admin, 'POST', `/api/admin/submissions/${r.id}/reopen`, { ifMatch: r.version });
            if (res.status !== 200) return { ok: false, why: `reopen: ${res.status} ${res.text.slice(0, 120)}` };
            ({ status: r.status, version: r.version } = JSON.parse(res.text).submission);
            done = true;
            return { ok: true };
          }
          const submitIt = r.version >= 1 && Math.random() < 0.3;
          const answers = { enheder: [unit(`Ledelsen ${r.version + 1}`)], kontakt: { navn: 'Kontakt Person', email: `k${r.code}@soak.dk` } };
          const res = submitIt
            ? await request(ready.url, r, 'POST', `${OWN}/submit`, { ifMatch: r.version, body: { answers } })
            : await request(ready.url, r, 'PUT', OWN, { ifMatch: r.version, body: { answers } });
          if (res.status !== 200) return { ok: false, why: `${submitIt ? 'submit' : 'save'}: ${res.status} ${res.text.slice(0, 120)}` };
          const sub = JSON.parse(res.text).submission as { id: string; version: number; status: string };
          r.id = sub.id;
          r.version = sub.version;
          r.status = sub.status;
          done = true;
          return { ok: true };
        } finally {
          if (!done) r.stale = true;
          r.busy = false;
        }
      },
    ],
    [
      12,
      'respondent pages',
      async () => {
        const p = ['/', '/indberetning/2024/maaltal/trin/1', '/indberetning/2024/maaltal/trin/2', '/indberetning/2024/maaltal/gennemse'][Math.floor(Math.random() * 4)]!;
        // A submitted report's form pages redirect to the receipt (303).
        return expectStatus(`page ${p}`, (await request(ready.url, any(), 'GET', p)).status, 200, 303);
      },
    ],
    [8, 'rounds and health', async () => expectStatus('rounds', (await request(ready.url, any(), 'GET', Math.random() < 0.5 ? '/api/rounds' : '/healthz')).status, 200)],
    [8, 'submitted list', async () => expectStatus('submitted list', (await request(ready.url, ready.analyst, 'GET', '/api/rounds/2024/forms/maaltal/submitted')).status, 200)],
    [4, 'table preview', async () => expectStatus('table preview', (await request(ready.url, ready.analyst, 'GET', '/rapporter/2024/tabel')).status, 200)],
    [
      4,
      'login and logout',
      async () => {
        if (loginSession) {
          const s = loginSession;
          loginSession = null;
          return expectStatus('logout', (await request(ready.url, s, 'POST', '/api/auth/logout')).status, 204);
        }
        const csrf = await request(ready.url, null, 'GET', '/api/auth/csrf');
        const anon = { cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: JSON.parse(csrf.text).csrfToken as string };
        const res = await request(ready.url, anon, 'POST', '/api/auth/login', { body: { email: ready.loginEmail, password: PASSWORD } });
        if (res.status !== 200) return { ok: false, why: `login: ${res.status}` };
        const sid = res.headers.getSetCookie().find((c) => c.startsWith('indberet_sid='))!.split(';')[0]!;
        loginSession = { cookie: sid, csrf: JSON.parse(res.text).csrfToken as string };
        return { ok: true };
      },
    ],
    [
      2,
      'password guess',
      async () => {
        const csrf = await request(ready.url, null, 'GET', '/api/auth/csrf');
        const anon = { cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: JSON.parse(csrf.text).csrfToken as string };
        const res = await request(ready.url, anon, 'POST', '/api/auth/login', { body: { email: ready.guessEmail, password: 'forkert-gaet-nummer-1' } });
        // Wrong until the account pauses, then throttled: both are the right answer.
        return expectStatus('password guess', res.status, 401, 429);
      },
    ],
  ];
  const total = kinds.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = Math.random() * total;
    for (const k of kinds) {
      x -= k[0];
      if (x < 0) return k;
    }
    return kinds[0]!;
  };
}

function memoryOf(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { memory: NodeJS.MemoryUsage }).memory));
    child.send('memory');
  });
}

const mb = (n: number) => n / (1024 * 1024);
const pct = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

async function soak(): Promise<number> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/soak.ts'), '--serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: process.env,
  });
  const ready: Ready = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const respondents: Respondent[] = ready.respondents.map((r) => ({ ...r, busy: false, version: 0, status: 'new', id: null, stale: false }));
  const pick = mix(ready, respondents);
  const errors = new Map<string, number>();
  const addError = (why: string) => errors.set(why, (errors.get(why) ?? 0) + 1);
  let sent = 0;
  let inFlight = 0;
  let measuring = false;
  let latencies: number[] = [];
  let windowCount = 0;
  let windowStart = performance.now();
  const counts = new Map<string, number>();
  const byKind = new Map<string, number[]>();
  const fire = () => {
    const [, name, run] = pick();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (inFlight >= MAX_IN_FLIGHT) {
      addError('server fell behind the fixed rate');
      return;
    }
    inFlight++;
    sent++;
    const t0 = performance.now();
    run()
      .then((o) => {
        if (!o.ok) addError(o.why);
      })
      .catch((e: unknown) => addError(`${name}: ${(e as Error).name} ${(e as Error).message}`))
      .finally(() => {
        inFlight--;
        const ms = performance.now() - t0;
        latencies.push(ms);
        if (measuring) (byKind.get(name) ?? byKind.set(name, []).get(name)!).push(ms);
        windowCount++;
      });
  };

  console.log(`soak (${ready.dialect}): ${SECONDS} s at ${RATE} requests/s after ${WARMUP_SECONDS} s warm-up; bounds: heap +${HEAP_BOUND_MB} MB, RSS +${RSS_BOUND_MB} MB, 0 errors`);
  const interval = 1000 / RATE;
  const run = async (seconds: number, onSecond?: (elapsed: number) => Promise<void>) => {
    const start = performance.now();
    let i = 0;
    let nextReport = 1;
    while (performance.now() - start < seconds * 1000) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      fire();
      i++;
      const elapsed = (performance.now() - start) / 1000;
      if (onSecond && elapsed >= nextReport) {
        nextReport++;
        await onSecond(elapsed);
      }
    }
    // Let the last requests finish (bounded by the per-request time-out).
    const end = performance.now() + TIMEOUT_MS + 1000;
    while (inFlight > 0 && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  };

  await run(WARMUP_SECONDS);
  const warmErrors = [...errors.values()].reduce((a, b) => a + b, 0);
  latencies = [];
  windowCount = 0;
  windowStart = performance.now();
  measuring = true;
  const first = await memoryOf(child);
  /** One sample: memory always; latency and throughput of the window since the last sample when it has one. */
  const line = (label: string, m: NodeJS.MemoryUsage) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const errs = [...errors.values()].reduce((a, b) => a + b, 0);
    const seconds = (performance.now() - windowStart) / 1000;
    const window =
      seconds >= 5
        ? `p50 ${fmt(pct(sorted, 50), 1).padStart(6)} ms  p99 ${fmt(pct(sorted, 99), 1).padStart(7)} ms  ${fmt(windowCount / seconds, 1).padStart(5)} req/s done  `
        : '';
    console.log(
      `${label.padStart(6)}  requests ${String(sent).padStart(6)}  errors ${String(errs).padStart(3)}  ` +
        `RSS ${fmt(mb(m.rss), 1).padStart(6)} MB  heap ${fmt(mb(m.heapUsed), 1).padStart(6)} MB  ${window}machine load ${fmt(loadavg()[0]!, 1)}`,
    );
    latencies = [];
    windowCount = 0;
    windowStart = performance.now();
  };
  line('start', first);
  let nextSample = SAMPLE_EVERY_S;
  let last = first;
  await run(SECONDS, async (elapsed) => {
    if (elapsed >= nextSample) {
      nextSample += SAMPLE_EVERY_S;
      last = await memoryOf(child);
      line(`${Math.round(elapsed)} s`, last);
    }
  });
  last = await memoryOf(child);
  line('end', last);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const heapGrowth = mb(last.heapUsed - first.heapUsed);
  const rssGrowth = mb(last.rss - first.rss);
  console.log('latency by kind after warm-up (ms):');
  for (const [k, l] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...l].sort((a, b) => a - b);
    console.log(`  ${k.padEnd(32)} n ${String(l.length).padStart(6)}  p50 ${fmt(pct(sorted, 50), 1).padStart(7)}  p99 ${fmt(pct(sorted, 99), 1).padStart(7)}  max ${fmt(sorted.at(-1) ?? 0, 1).padStart(7)}`);
  }
  for (const [why, n] of errors) console.log(`  error ×${n}: ${why}`);
  const ok = errorCount === 0 && heapGrowth <= HEAP_BOUND_MB && rssGrowth <= RSS_BOUND_MB;
  console.log(
    `soak: ${sent} requests in ${SECONDS + WARMUP_SECONDS} s at ${RATE}/s, ${errorCount} errors (${warmErrors} in warm-up); ` +
      `heap ${fmt(mb(first.heapUsed), 1)} → ${fmt(mb(last.heapUsed), 1)} MB (${heapGrowth >= 0 ? '+' : ''}${fmt(heapGrowth, 1)}, bound +${HEAP_BOUND_MB}), ` +
      `RSS ${fmt(mb(first.rss), 1)} → ${fmt(mb(last.rss), 1)} MB (${rssGrowth >= 0 ? '+' : ''}${fmt(rssGrowth, 1)}, bound +${RSS_BOUND_MB}): ${ok ? 'ok' : 'FAILED'}`,
  );
  return ok ? 0 : 1;
}

if (process.argv.includes('--serve')) await serve();
else process.exitCode = await soak();
