import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSqliteFile, libpqUrl, pgDumpCommand, pgRestoreCommand, searchPathSchema } from '../../engine/backup/index.ts';
import { createDatabase, type DialectName } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { verifyAuditChain } from '../../engine/workflows/index.ts';
import {
  createTestClock,
  DIALECTS,
  openTestDatabase,
  PASSWORD,
  seedTestData,
  startTestServer,
  TestClient,
  testRegistry,
  type TestDatabase,
  type TestServer,
} from '../helpers/index.ts';
import { runCli as indberet } from '../helpers/run-cli.ts';
import { startChildServer } from './child-server.ts';
import { respondentSessions, type RespondentSession } from './respondent-sessions.ts';
import { expectAcksStoredWhole, submissionStream, type Ack } from './submission-stream.ts';

/*
 * Backup: `indberet backup` runs in its own process while the service takes submissions; the
 * backup holds every submission acknowledged before it started, restores with `indberet restore`
 * to a database that passes integrity_check, verifies its audit chain and serves again.
 */

describe('PostgreSQL backup commands', () => {
  it('dump the service\'s schema in the custom format and restore it in one transaction', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/indberet?options=-c%20search_path%3Dtjeneste';
    expect(searchPathSchema(url)).toBe('tjeneste');
    expect(searchPathSchema('postgres://h/db')).toBeUndefined();
    // node-postgres writes a space as +, which libpq (and so pg_dump) would read as a plus sign.
    expect(libpqUrl('postgres://h/db?options=-c+search_path%3Dx')).toBe('postgres://h/db?options=-c%20search_path%3Dx');
    expect(searchPathSchema('postgres://h/db?options=-c+search_path%3Dx')).toBe('x');
    expect(pgDumpCommand(url, '/b/x.dump').args).toEqual(['--format=custom', '--no-owner', '--no-privileges', '--file=/b/x.dump', '--schema=tjeneste', `--dbname=${url}`]);
    expect(pgRestoreCommand('postgres://h/db', '/b/x.dump').args).toEqual(
      expect.arrayContaining(['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--dbname=postgres://h/db', '/b/x.dump']),
    );
  });
});

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

for (const dialect of DIALECTS) {
  describe(`indberet backup and restore while the service takes submissions [${dialect}]`, () => {
    const clock = createTestClock('2024-05-01T10:00:00Z');
    let t: TestDatabase;
    let server: TestServer | undefined;
    let sessions: RespondentSession[];
    let work: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      work = await mkdtemp(path.join(tmpdir(), 'indberet-backup-'));
      t = await openTestDatabase(dialect as DialectName);
      await seedTestData({ db: t.db, registry, clock: clock.now });
      sessions = await respondentSessions({ db: t.db, registry, clock: clock.now }, 8);
      server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { dataDir: work } });
      env = dialect === 'sqlite' ? { INDBERET_DATA_DIR: t.options.dataDir! } : { DATABASE_URL: t.options.url! };
    });
    afterAll(async () => {
      await server?.close();
      await t?.destroy();
      await rm(work, { recursive: true, force: true });
    });

    it('backs up online, and the restore holds every submission acknowledged before the backup began', async () => {
      const acks: Ack[] = [];
      let done = false;
      // Writes run through the whole backup (four reports are submitted, then drafts are saved
      // over and over until it ends); the backup starts once the stream is under way.
      const submitted = await submissionStream(server!.url, sessions.slice(0, 4), acks, { stopped: () => false }, 4);
      expect(submitted.refused).toEqual([]);
      const streaming = submissionStream(server!.url, sessions.slice(4), acks, { stopped: () => done, submitAt: Infinity }, 4);
      while (acks.length < 24) await new Promise((r) => setTimeout(r, 10));
      const before = [...acks];
      const file = path.join(work, dialect === 'sqlite' ? 'kopi.sqlite' : 'kopi.dump');
      const backup = await indberet(['backup', '--out', file], env);
      const during = acks.length - before.length;
      done = true;
      const stream = await streaming;
      expect(stream.refused).toEqual([]);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      // The service kept taking submissions while the backup ran.
      expect(during).toBeGreaterThan(0);
      console.log(`backup [${dialect}]: ${backup.stdout.trim().replace(/\n/g, ' | ')}; ${before.length} acknowledged before, ${during} during`);

      // Writes after the backup, which the restore must not bring back.
      const afterwards: Ack[] = [];
      const later = await submissionStream(server!.url, sessions.slice(4), afterwards, { stopped: () => afterwards.length >= 12, submitAt: Infinity }, 4);
      expect(later.refused).toEqual([]);
      expect(later.acked).toBeGreaterThan(0);
      await server!.close();
      server = undefined;

      if (dialect === 'sqlite') {
        expect(backup.stdout).toMatch(/integrity_check: ok/);
        const checked = checkSqliteFile(file);
        expect(checked.ok && checked.check.integrity).toBe('ok');
        expect(existsSync(`${file}-wal`)).toBe(false);
        // A damaged copy is refused and changes nothing.
        const target = path.join(work, 'gendannet');
        const broken = path.join(work, 'beskadiget.sqlite');
        const bytes = await readFile(file);
        bytes.fill(0x41, 4096 * 3, 4096 * 3 + 2048);
        await writeFile(broken, bytes);
        const refused = await indberet(['restore', '--from', broken], { INDBERET_DATA_DIR: target });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/Intet er gendannet/);
        expect(existsSync(path.join(target, 'indberet.sqlite'))).toBe(false);

        const restored = await indberet(['restore', '--from', file], { INDBERET_DATA_DIR: target });
        expect(restored.stderr).toBe('');
        expect(restored.code).toBe(0);
        expect(restored.stdout).toMatch(/revisionsspor med \d+ poster er intakt/);
        // Over an existing database only with --force, which keeps the old one beside it.
        expect((await indberet(['restore', '--from', file], { INDBERET_DATA_DIR: target })).code).toBe(1);
        const forced = await indberet(['restore', '--from', file, '--force'], { INDBERET_DATA_DIR: target });
        expect(forced.code).toBe(0);
        expect((await readdir(target)).some((f) => f.startsWith('indberet.sqlite.foer-gendannelse-'))).toBe(true);

        const copy = createDatabase({ dataDir: target });
        try {
          await expectAcksStoredWhole(copy.db, before);
          expect((await verifyAuditChain(copy.db)).ok).toBe(true);
          const n = await copy.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          const live = await t.db.selectFrom('submission_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(Number(n.n)).toBeGreaterThanOrEqual(before.length);
          expect(Number(n.n)).toBeLessThan(Number(live.n));
        } finally {
          await copy.destroy();
        }
        const check = checkSqliteFile(path.join(target, 'indberet.sqlite'));
        expect(check.ok && check.check.integrity).toBe('ok');

        // The restored folder runs the service: a respondent logs in and finds the report.
        const child = await startChildServer({ INDBERET_DATA_DIR: target });
        try {
          const first = before[0]!;
          const client = new TestClient(child.url);
          expect((await client.login(`proof${first.code}@example.dk`, PASSWORD)).status).toBe(200);
          const own = await client.request('GET', '/api/rounds/2024/forms/maaltal/submission');
          expect(own.body.submission.version).toBeGreaterThanOrEqual(first.version);
        } finally {
          await child.stop();
        }
      } else {
        expect(backup.stdout).toMatch(/pg_dump/);
        // The documented restore: pg_restore --clean in one transaction over the service's schema.
        const afterCount = await sql<{ n: number }>`select count(*) as n from submission_versions`.execute(t.db);
        const restored = await indberet(['restore', '--from', file], env);
        expect(restored.stderr).toBe('');
        expect(restored.code).toBe(0);
        expect(restored.stdout).toMatch(/revisionsspor med \d+ poster er intakt/);
        const fresh = createDatabase({ url: t.options.url!, poolSize: 1 });
        try {
          await expectAcksStoredWhole(fresh.db, before);
          expect((await verifyAuditChain(fresh.db)).ok).toBe(true);
          const n = await sql<{ n: number }>`select count(*) as n from submission_versions`.execute(fresh.db);
          expect(Number(n.rows[0]!.n)).toBeLessThan(Number(afterCount.rows[0]!.n));
          // A damaged dump is refused and, being one transaction, changes nothing.
          const bytes = await readFile(file);
          await writeFile(path.join(work, 'beskadiget.dump'), bytes.subarray(0, Math.floor(bytes.length / 2)));
          const refused = await indberet(['restore', '--from', path.join(work, 'beskadiget.dump')], env);
          expect(refused.code).toBe(1);
          const still = await sql<{ n: number }>`select count(*) as n from submission_versions`.execute(fresh.db);
          expect(Number(still.rows[0]!.n)).toBe(Number(n.rows[0]!.n));
        } finally {
          await fresh.destroy();
        }
      }
    });
  });
}
