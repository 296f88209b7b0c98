import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { createUser, grantExtension, login, verifyAuditChain } from '../../engine/workflows/index.ts';
import { DIALECTS, openTestDatabase, PASSWORD, seedTestData, testRegistry, validMaaltal, type TestDatabase } from '../helpers/index.ts';
import { startChildServer, type ChildServer } from './child-server.ts';

/*
 * Crash: the real server runs as a child process; a stream of draft saves and submits is in flight
 * when it is killed with SIGKILL. After a restart every acknowledged (2xx) write must be stored
 * exactly as acknowledged, every write must be whole (its version row and its audit entry, or
 * neither), SQLite's integrity_check must say ok and the audit chain must verify.
 */

const OWN = '/api/rounds/2024/forms/maaltal/submission';
const WORKERS = 8;
const ORGS = 24;
/** Acknowledged writes in a pass before the kill. */
const KILL_AFTER = 25;

interface Session {
  kommunekode: string;
  cookie: string;
  csrf: string;
}

/** A write the server answered 2xx to: it must survive. */
interface Ack {
  kommunekode: string;
  version: number;
  status: string;
  answers: unknown;
}

async function call(base: string, s: Session, method: string, path: string, version: number | undefined, body?: unknown) {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  if (version !== undefined) headers['if-match'] = `"${version}"`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * Drives every organisation towards a submitted report (two draft saves, then a submit), WORKERS at
 * a time, until all are done or `stopAfter` acknowledgements have been seen and the server killed.
 */
async function stream(
  server: ChildServer,
  sessions: Session[],
  acks: Ack[],
  stopAfter: number | undefined,
): Promise<{ acked: number; inFlightAtKill: number; refused: string[] }> {
  const queue = [...sessions];
  let acked = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const refused: string[] = [];
  let killing: Promise<void> | undefined;
  const track = async <T>(p: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await p;
    } finally {
      inFlight--;
    }
  };
  const ack = (a: Ack) => {
    acks.push(a);
    acked++;
    if (stopAfter !== undefined && acked >= stopAfter && !killing) {
      inFlightAtKill = inFlight;
      killing = server.kill9();
    }
  };
  const worker = async (w: number) => {
    for (let s = queue.shift(); s && !killing; s = queue.shift()) {
      try {
        const own = await track(call(server.url, s, 'GET', OWN, undefined));
        let { version, status } = own.body.submission as { version: number; status: string };
        let round = 0;
        while (status !== 'submitted' && !killing) {
          round++;
          const answers = validMaaltal(s.kommunekode, `Ledelsen, arbejder ${w}, skridt ${round}`);
          const r =
            version < 2
              ? await track(call(server.url, s, 'PUT', OWN, version, { answers }))
              : await track(call(server.url, s, 'POST', `${OWN}/submit`, version, { answers }));
          if (r.status !== 200) {
            refused.push(`${s.kommunekode} ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            break;
          }
          ({ version, status } = r.body.submission as { version: number; status: string });
          ack({ kommunekode: s.kommunekode, version, status, answers: r.body.submission.answers });
        }
      } catch {
        // The connection died with the server: the outcome of this request is unknown, and the
        // checks below only require that it is stored whole or not at all.
        if (!killing) throw new Error(`request failed while the server was up:\n${server.stderr()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await killing;
  return { acked, inFlightAtKill, refused };
}

function sqliteIntegrity(file: string): string {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

for (const dialect of DIALECTS) {
  describe(`kill -9 while submissions are in flight [${dialect}]`, () => {
    let t: TestDatabase;
    let server: ChildServer | undefined;
    let env: Record<string, string>;
    let sessions: Session[];
    let adminId: string;
    const clock = () => new Date();

    beforeAll(async () => {
      t = await openTestDatabase(dialect as DialectName);
      const ids = await seedTestData({ db: t.db, registry, clock });
      adminId = ids.admin;
      // The round's deadline is in the past on the real clock the child runs on: every
      // municipality in the stream gets an extension, as the ministry would grant one.
      const orgs = await t.db.selectFrom('organisations').select('kommunekode').where('delt_ledelse', '=', 0).orderBy('kommunekode').limit(ORGS).execute();
      sessions = [];
      for (const { kommunekode } of orgs) {
        const email = `crash${kommunekode}@example.dk`;
        const u = await createUser({ db: t.db, clock }, { email, navn: 'R', role: 'respondent', kommunekode, password: PASSWORD, actorId: null });
        if (!u.ok) throw new Error(u.code);
        const x = await grantExtension({ db: t.db, registry, clock }, { roundId: '2024', formName: 'maaltal', kommunekode, until: '2099-12-31', actorId: adminId });
        if (!x.ok) throw new Error(x.code);
        const s = await login({ db: t.db, clock }, { email, password: PASSWORD, ip: '127.0.0.1' });
        if (!s.ok) throw new Error(s.code);
        sessions.push({ kommunekode, cookie: `indberet_sid=${s.token}`, csrf: s.csrfToken });
      }
      env = dialect === 'sqlite' ? { INDBERET_DATA_DIR: t.options.dataDir! } : { DATABASE_URL: t.options.url! };
    });
    afterAll(async () => {
      await server?.kill9();
      await t?.destroy();
    });

    it('keeps every acknowledged write, whole, through two crashes, and the chain verifies', async () => {
      const acks: Ack[] = [];
      const sqliteFile = dialect === 'sqlite' ? `${t.options.dataDir}/indberet.sqlite` : undefined;
      for (let pass = 0; pass < 2; pass++) {
        server = await startChildServer(env);
        const r = await stream(server, sessions, acks, KILL_AFTER + pass * 7);
        expect(r.refused).toEqual([]);
        expect(r.acked).toBeGreaterThanOrEqual(KILL_AFTER);
        // The kill landed with requests still open on the server.
        expect(r.inFlightAtKill).toBeGreaterThan(0);
        expect((await server.exited).signal).toBe('SIGKILL');
        if (sqliteFile) expect(sqliteIntegrity(sqliteFile)).toBe('ok');
      }

      // The restarted server finishes the stream: the crashes left nothing it cannot continue from.
      server = await startChildServer(env);
      const last = await stream(server, sessions, acks, undefined);
      expect(last.refused).toEqual([]);

      // Every acknowledged write is stored exactly as acknowledged.
      const versions = await t.db
        .selectFrom('submission_versions as v')
        .innerJoin('submissions as s', 's.id', 'v.submission_id')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .select(['o.kommunekode', 'v.version', 'v.status', 'v.answers', 'v.submission_id'])
        .execute();
      const stored = new Map(versions.map((v) => [`${v.kommunekode}/${v.version}`, v]));
      for (const a of acks) {
        const v = stored.get(`${a.kommunekode}/${a.version}`);
        expect(v, `acknowledged ${a.kommunekode} v${a.version}`).toBeDefined();
        expect(v!.status).toBe(a.status);
        expect(JSON.parse(v!.answers)).toEqual(a.answers);
      }
      expect(acks.length).toBeGreaterThanOrEqual(ORGS * 3);

      // Each write is whole: versions 1..n without gaps, the row equals its last version, and
      // exactly one audit entry per version.
      const subs = await t.db.selectFrom('submissions').select(['id', 'version', 'status', 'answers']).execute();
      expect(subs).toHaveLength(ORGS);
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('action', 'in', ['submission.draft_saved', 'submission.submitted'])
        .groupBy('entity_id')
        .execute();
      const auditCount = new Map(audit.map((a) => [a.entity_id, Number(a.n)]));
      for (const s of subs) {
        const own = versions.filter((v) => v.submission_id === s.id).map((v) => v.version).sort((a, b) => a - b);
        expect(own).toEqual(Array.from({ length: s.version }, (_, i) => i + 1));
        expect(s.status).toBe('submitted');
        expect(JSON.parse(s.answers)).toEqual(JSON.parse(versions.find((v) => v.submission_id === s.id && v.version === s.version)!.answers));
        expect(auditCount.get(s.id)).toBe(s.version);
      }

      // The audit chain verifies, from the database and through the restarted server's API.
      const chain = await verifyAuditChain(t.db);
      expect(chain.ok).toBe(true);
      const admin = await login({ db: t.db, clock }, { email: 'admin@lige.dk', password: PASSWORD, ip: '127.0.0.1' });
      if (!admin.ok) throw new Error(admin.code);
      const viaApi = await fetch(`${server.url}/api/admin/audit/verify`, { headers: { cookie: `indberet_sid=${admin.token}` } });
      expect(await viaApi.json()).toMatchObject({ ok: true, count: chain.ok ? chain.count + 1 : -1 });

      await server.stop();
      expect((await server.exited).code).toBe(0);
      if (sqliteFile) expect(sqliteIntegrity(sqliteFile)).toBe('ok');
    });
  });
}
