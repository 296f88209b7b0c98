import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { respondentsOf, type Registry } from '../../engine/index.ts';
import { createUser, grantExtension, verifyAuditChain } from '../../engine/workflows/index.ts';
import { openTestDatabase, PASSWORD, TestClient, testRegistry, validMaaltal, type TestDatabase } from '../helpers/index.ts';
import { startChildServer, type ChildServer } from '../proof/child-server.ts';
import { respondentSessions, type RespondentSession } from '../proof/respondent-sessions.ts';
import { expectAcksStoredWhole, type Ack } from '../proof/submission-stream.ts';
import { probe } from './probe.ts';

/*
 * The deployment of compose.yaml without the proxy: two `indberet serve` processes on one
 * PostgreSQL schema, started at the same moment on an empty schema as a cluster starts. A session
 * made on one is valid on the other; saves and submits sent to both keep the audit history
 * verifiable; SIGTERM to one while submits stream at both loses no acknowledged submit, and that
 * process exits 0. The client plays the proxy of compose.yaml: it alternates between the instances,
 * checks their /healthz and sends nothing more to one that answers 503, and sends to the other when
 * an instance refuses connections.
 */

const OWN = '/api/rounds/2024/forms/maaltal/submission';
const ADMIN = 'admin@lige.dk';

/** What one request came to. */
type Outcome = { readonly status: number; readonly body: any } | { readonly error: 'refused' | 'reset' | 'other'; readonly message: string };

async function send(base: string, s: RespondentSession, method: string, url: string, version?: number, body?: unknown): Promise<Outcome> {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  if (version !== undefined) headers['if-match'] = `"${version}"`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(base + url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: await res.json() };
  } catch (e) {
    const code = ((e as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? '';
    const error = code === 'ECONNREFUSED' ? 'refused' : /ECONNRESET|UND_ERR_SOCKET|EPIPE/.test(code) ? 'reset' : 'other';
    return { error, message: `${(e as Error).message} ${code}` };
  }
}

/** Traffic over both instances, counted per instance. */
class Balancer {
  readonly down = new Set<number>();
  readonly inFlight: number[];
  readonly answered: number[];
  /** Requests that failed after they had been sent while the instance was up: their outcome is unknown. */
  readonly failures: Array<{ instance: number; sentAt: number; error: string }> = [];
  private turn = 0;

  constructor(readonly servers: readonly ChildServer[]) {
    this.inFlight = servers.map(() => 0);
    this.answered = servers.map(() => 0);
  }

  /**
   * Checks every instance's /healthz every `everyMs`, as Caddy's active health check does, and
   * sends nothing more to one that answers 503 or refuses.
   * @returns a function that stops the checks
   */
  watch(everyMs: number): () => Promise<void> {
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        await Promise.all(
          this.servers.map(async (s, i) => {
            if (this.down.has(i)) return;
            const r = await probe(s.url);
            if (r !== 200) this.down.add(i);
          }),
        );
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
    return async () => {
      stopped = true;
      await loop;
    };
  }

  /** Sends to the next instance that is up; on a refused connection marks it down and sends to another. */
  async send(s: RespondentSession, method: string, url: string, version?: number, body?: unknown): Promise<Outcome> {
    for (;;) {
      const up = this.servers.map((_, i) => i).filter((i) => !this.down.has(i));
      if (up.length === 0) throw new Error('no instance is up');
      const i = up[this.turn++ % up.length]!;
      const sentAt = Date.now();
      this.inFlight[i]!++;
      const r = await send(this.servers[i]!.url, s, method, url, version, body).finally(() => this.inFlight[i]!--);
      if ('status' in r) {
        this.answered[i]!++;
        return r;
      }
      // Refused: nothing was sent, so sending it elsewhere is safe, as a proxy does on a dial error.
      this.down.add(i);
      if (r.error === 'refused') continue;
      this.failures.push({ instance: i, sentAt, error: r.message });
      return r;
    }
  }
}

/**
 * Drives each respondent's report through two draft saves to submitted, `workers` at a time,
 * recording every acknowledged write. After a failure of unknown outcome it reads the report anew
 * and carries on from what is stored.
 */
async function submitAll(lb: Balancer, sessions: readonly RespondentSession[], acks: Ack[], onAck: () => void, workers = 12): Promise<string[]> {
  const queue = [...sessions];
  const refused: string[] = [];
  const worker = async (w: number) => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      let state: { version: number; status: string } | undefined;
      for (let step = 1; state?.status !== 'submitted'; step++) {
        if (step > 20) throw new Error(`${s.code}: no submit after 20 steps`);
        if (!state) {
          const own = await lb.send(s, 'GET', OWN);
          if (!('status' in own)) continue;
          state = own.body.submission as { version: number; status: string };
          continue;
        }
        const answers = validMaaltal(s.code, `Ledelsen, arbejder ${w}, skridt ${step}`);
        const r = state.version < 2 ? await lb.send(s, 'PUT', OWN, state.version, { answers }) : await lb.send(s, 'POST', `${OWN}/submit`, state.version, { answers });
        if (!('status' in r)) {
          state = undefined;
          continue;
        }
        if (r.status !== 200) {
          refused.push(`${s.code} ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          break;
        }
        state = r.body.submission as { version: number; status: string };
        acks.push({ code: s.code, version: state.version, status: state.status, answers: r.body.submission.answers });
        onAck();
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return refused;
}

describe.skipIf(!process.env.DATABASE_URL)('two instances on one PostgreSQL', () => {
  let t: TestDatabase;
  let registry: Registry;
  let spares: string[] = [];
  let servers: ChildServer[] = [];
  let adminId: string;
  let sessions: RespondentSession[];
  const acks: Ack[] = [];
  const clock = () => new Date();

  beforeAll(async () => {
    registry = await testRegistry();
    // Empty: the instances migrate and seed it themselves, both at once.
    t = await openTestDatabase('postgres', { migrate: false });
    spares = await Promise.all([0, 1].map(() => mkdtemp(path.join(tmpdir(), 'indberet-cluster-'))));
    servers = await Promise.all(
      spares.map((dir) =>
        startChildServer({
          DATABASE_URL: t.options.url!,
          INDBERET_DATA_DIR: dir,
          INDBERET_ADMIN_EMAIL: ADMIN,
          INDBERET_ADMIN_PASSWORD: PASSWORD,
          // The second factor has suites of its own; here the admin reads the audit API with a password.
          INDBERET_MFA_REQUIRED: 'false',
          INDBERET_DRAIN_SECONDS: '1',
          INDBERET_SHUTDOWN_SECONDS: '20',
        }),
      ),
    );
    const admins = await t.db.selectFrom('users').select('id').where('role', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
    adminId = admins[0]!.id;
    sessions = await respondentSessions({ db: t.db, registry, clock }, 60, adminId);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill9()));
    await t?.destroy();
    await Promise.all(spares.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('started both on an empty schema at once: one set of migrations, rounds, municipalities and admin', async () => {
    const rounds = await t.db.selectFrom('rounds').select('id').execute();
    expect(rounds.map((r) => r.id)).toContain('2024');
    const orgs = await t.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(orgs.n)).toBe(98);
    const loaded = await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['round.loaded', 'organisations.seeded']).execute();
    expect(loaded.filter((a) => a.action === 'organisations.seeded')).toHaveLength(registry.rounds.filter((r) => !('error' in respondentsOf(r))).length);
  });

  it('accepts on the second instance a session made by logging in on the first, and ends it on both', async () => {
    const [a, b] = servers as [ChildServer, ChildServer];
    const code = '0101';
    const u = await createUser({ db: t.db, clock }, { email: 'klynge@example.dk', navn: 'K', role: 'respondent', code, password: PASSWORD, actorId: null });
    if (!u.ok) throw new Error(u.code);
    const x = await grantExtension({ db: t.db, registry, clock }, { roundId: '2024', formName: 'maaltal', code, until: '2099-12-31', actorId: adminId });
    if (!x.ok) throw new Error(x.code);

    const onA = new TestClient(a.url);
    expect((await onA.login('klynge@example.dk', PASSWORD)).status).toBe(200);
    // The same browser, sent to the other instance by the proxy.
    const onB = new TestClient(b.url);
    for (const [k, v] of onA.cookies) onB.cookies.set(k, v);
    onB.csrf = onA.csrf;
    const me = await onB.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('klynge@example.dk');
    // A state-changing request on B with the CSRF token the login on A gave.
    const own = await onB.request('GET', OWN);
    const saved = await onB.request('PUT', OWN, { json: { answers: validMaaltal(code) }, headers: { 'if-match': `"${own.body.submission.version}"` } });
    expect(saved.status).toBe(200);
    expect((await onA.request('GET', OWN)).body.submission.version).toBe(saved.body.submission.version);
    // Logging out on B ends the session on A too.
    expect((await onB.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await onA.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('keeps the audit history verifiable with saves and submits sent to both', async () => {
    const lb = new Balancer(servers);
    const refused = await submitAll(lb, sessions.slice(0, 20), acks, () => {});
    expect(refused).toEqual([]);
    expect(lb.failures).toEqual([]);
    // Both instances served a share of the writes.
    expect(Math.min(...lb.answered)).toBeGreaterThan(20);

    const admin = new TestClient(servers[0]!.url);
    expect((await admin.login(ADMIN, PASSWORD)).status).toBe(200);
    const onB = new TestClient(servers[1]!.url);
    for (const [k, v] of admin.cookies) onB.cookies.set(k, v);
    // Both instances seal a checkpoint and verify at the same moment.
    const [va, vb] = await Promise.all([admin.request('GET', '/api/admin/audit/verify'), onB.request('GET', '/api/admin/audit/verify')]);
    expect(va.body).toMatchObject({ ok: true });
    expect(vb.body).toMatchObject({ ok: true });
    const chain = await verifyAuditChain(t.db);
    expect(chain).toMatchObject({ ok: true });
    expect(await expectAcksStoredWhole(t.db, acks)).toBe(21);
  });

  it('loses no acknowledged submit when one instance gets SIGTERM under load, and that instance exits 0', async () => {
    const fresh = sessions.slice(20);
    expect(fresh.length).toBe(40);

    const lb = new Balancer(servers);
    // Health checked every 100 ms against a drain of 1 s: traffic has moved before the listener closes.
    const unwatch = lb.watch(100);
    const before = acks.length;
    let signalledAt = 0;
    let inFlightAtSignal = -1;
    const refused = await submitAll(lb, fresh, acks, () => {
      // Once the load is going and requests are open on the first instance.
      if (!signalledAt && acks.length - before >= 30 && lb.inFlight[0]! > 0) {
        signalledAt = Date.now();
        inFlightAtSignal = lb.inFlight[0]!;
        servers[0]!.child.kill('SIGTERM');
      }
    });
    await unwatch();
    expect(signalledAt).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    expect(await servers[0]!.exited).toEqual({ code: 0, signal: null });
    // Every request was answered: those open at the signal, and those sent during the drain.
    expect(lb.failures).toEqual([]);
    expect(lb.down.has(0)).toBe(true);

    // Every acknowledged write, both tests' and both instances', is stored exactly so and whole.
    const reports = await expectAcksStoredWhole(t.db, acks);
    expect(reports).toBe(1 + 20 + fresh.length);
    const statuses = await t.db.selectFrom('submissions').select(['status']).where('status', '=', 'submitted').execute();
    expect(statuses.length).toBe(20 + fresh.length);
    const chain = await verifyAuditChain(t.db);
    expect(chain).toMatchObject({ ok: true });
    console.log(
      `cluster: SIGTERM to one of two instances with ${inFlightAtSignal} requests open on it; ` +
        `${acks.length - before} writes acknowledged in the pass (answers per instance ${lb.answered.join('/')}), all stored whole; ` +
        `${lb.failures.length} requests of unknown outcome (${lb.failures.map((f) => f.error).join('; ') || 'none'}); exit 0; ` +
        `audit history of ${chain.ok ? chain.count : 0} entries verifies`,
    );
  });
});
