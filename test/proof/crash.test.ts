import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { login, verifyAuditChain } from '../../engine/workflows/index.ts';
import { DIALECTS, openTestDatabase, PASSWORD, seedTestData, testRegistry, type TestDatabase } from '../helpers/index.ts';
import { startChildServer, type ChildServer } from './child-server.ts';
import { respondentSessions, type RespondentSession } from './respondent-sessions.ts';
import { expectAcksStoredWhole, submissionStream, type Ack } from './submission-stream.ts';

/*
 * Crash: the real server runs as a child process; a stream of draft saves and submits is in flight
 * when it is killed with SIGKILL. After a restart every acknowledged (2xx) write must be stored
 * exactly as acknowledged, every write must be whole (its version row and its audit entry, or
 * neither), SQLite's integrity_check must say ok and the audit chain must verify.
 */

// Enough municipalities that the stream is still running when the kill fires, also on a fast machine.
const ORGS = 48;
/** Acknowledged writes in a pass before the kill. */
const KILL_AFTER = 25;

/**
 * Streams writes at the server and kills it with SIGKILL at a random moment (0–20 ms) after
 * `killAfter` acknowledgements, so the kill can land inside a transaction, between a commit and
 * its response, or between requests.
 */
async function streamAndKill(server: ChildServer, sessions: RespondentSession[], acks: Ack[], killAfter: number | undefined) {
  let killing: Promise<void> | undefined;
  let scheduled = false;
  let inFlightAtKill = -1;
  let inFlightNow = () => 0;
  const r = await submissionStream(server.url, sessions, acks, {
    attach: (f) => {
      inFlightNow = f;
    },
    stopped: () => killing !== undefined,
    onAck(acked) {
      if (killAfter !== undefined && acked >= killAfter && !scheduled) {
        scheduled = true;
        setTimeout(() => {
          inFlightAtKill = inFlightNow();
          killing = server.kill9();
        }, Math.random() * 20);
      }
    },
    context: () => server.stderr(),
  });
  await killing;
  return { ...r, inFlightAtKill };
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
    let spare: string | undefined;
    let sessions: RespondentSession[];
    let adminId: string;
    const clock = () => new Date();

    beforeAll(async () => {
      t = await openTestDatabase(dialect as DialectName);
      const ids = await seedTestData({ db: t.db, registry, clock });
      adminId = ids.admin;
      // The round's deadline is in the past on the real clock the child runs on: every
      // municipality in the stream gets an extension, as the ministry would grant one.
      sessions = await respondentSessions({ db: t.db, registry, clock }, ORGS, adminId);
      // On PostgreSQL the data folder still holds the service's files (publications, mail): a temporary one.
      spare = await mkdtemp(path.join(tmpdir(), 'indberet-crash-'));
      env = dialect === 'sqlite' ? { INDBERET_DATA_DIR: t.options.dataDir! } : { DATABASE_URL: t.options.url!, INDBERET_DATA_DIR: spare };
    });
    afterAll(async () => {
      await server?.kill9();
      await t?.destroy();
      if (spare) await rm(spare, { recursive: true, force: true });
    });

    it('keeps every acknowledged write, whole, through two crashes, and the chain verifies', async () => {
      const acks: Ack[] = [];
      const kills: string[] = [];
      const sqliteFile = dialect === 'sqlite' ? `${t.options.dataDir}/indberet.sqlite` : undefined;
      for (let pass = 0; pass < 2; pass++) {
        server = await startChildServer(env);
        const r = await streamAndKill(server, sessions, acks, KILL_AFTER + pass * 7);
        expect(r.refused).toEqual([]);
        expect(r.acked).toBeGreaterThanOrEqual(KILL_AFTER);
        // The kill landed with requests still open on the server.
        expect(r.inFlightAtKill).toBeGreaterThan(0);
        kills.push(`${r.acked} acknowledged, ${r.inFlightAtKill} open at the kill`);
        expect((await server.exited).signal).toBe('SIGKILL');
        if (sqliteFile) expect(sqliteIntegrity(sqliteFile)).toBe('ok');
      }

      // The restarted server finishes the stream: the crashes left nothing it cannot continue from.
      server = await startChildServer(env);
      const last = await streamAndKill(server, sessions, acks, undefined);
      expect(last.refused).toEqual([]);

      // Every acknowledged write is stored exactly as acknowledged, and every write is whole.
      expect(acks.length).toBeGreaterThanOrEqual(ORGS * 2);
      expect(await expectAcksStoredWhole(t.db, acks)).toBe(ORGS);
      // Writes committed whose answer never arrived: allowed (their outcome was unknown), and whole.
      const versionRows = await t.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const unacknowledged = Number(versionRows.n) - acks.length;
      expect(unacknowledged).toBeGreaterThanOrEqual(0);
      const statuses = await t.db.selectFrom('submissions').select('status').execute();
      expect(statuses.every((s) => s.status === 'submitted')).toBe(true);

      // The audit chain verifies, from the database and through the restarted server's API.
      const chain = await verifyAuditChain(t.db);
      expect(chain.ok).toBe(true);
      console.log(
        `crash [${dialect}]: kill -9 twice (${kills.join('; ')}), ${acks.length} acknowledged writes all stored whole, ` +
          `${unacknowledged} committed but unacknowledged (whole too), ` +
          `audit chain of ${chain.ok ? chain.count : 0} entries verifies${sqliteFile ? ', integrity_check ok after each kill' : ''}`,
      );
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
