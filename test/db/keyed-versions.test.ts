import { Migrator, sql, type Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/node.ts';
import { MIGRATIONS, type Database } from '../../engine/db/index.ts';
import { createUser, reopen, saveDraft, seedOrganisations, seedRounds, submit, type Actor, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { createTestClock, DIALECTS, openTestDatabase, testRegistry, validMaaltal } from '../helpers/index.ts';

const MIGRATION = '2026-12-07-writes-keyed-versions';

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

/** The columns of submission_versions as the database lists them. */
async function columnsOf(db: Kysely<any>, dialect: string): Promise<string[]> {
  if (dialect === 'sqlite') return (await sql<{ name: string }>`select name from pragma_table_info('submission_versions')`.execute(db)).rows.map((r) => r.name);
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'submission_versions' and table_schema = current_schema() order by ordinal_position`.execute(db);
  return rows.map((r) => r.name);
}

describe.each(DIALECTS)('submission versions keyed by submission and version [%s]', (dialect) => {
  it('keeps every version through the migration and back, and the triggers write each shape', async () => {
    const h = await openTestDatabase(dialect, { migrate: false });
    try {
      const names = Object.keys(MIGRATIONS);
      const before = names[names.indexOf(MIGRATION) - 1]!;
      const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(h.db)).rows[0]!.s : undefined;
      const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) }, ...(schema ? { migrationTableSchema: schema } : {}) });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const legacy = h.db as unknown as Kysely<any>;

      // Versions 1-3 of one report written by the workflows while versions still had their own id.
      const clock = createTestClock('2024-05-01T10:00:00Z');
      const deps: WorkflowDeps = { db: h.db, registry, clock: clock.now };
      await seedRounds(deps);
      await seedOrganisations(deps, '2024');
      const org = await h.db.selectFrom('organisations').select(['id', 'code']).where('code', '=', '0147').executeTakeFirstOrThrow();
      const u = await createUser(deps, { email: 'a@frederiksberg.dk', navn: 'A', role: 'respondent', code: '0147', password: 'korrekt hest batteri', actorId: null });
      if (!u.ok) throw new Error(u.code);
      const actor: Actor = { id: u.user.id, role: 'respondent', organisationId: org.id };
      const draft = await saveDraft(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, answers: validMaaltal('0147', 'Først'), ifMatch: 0 });
      if (!draft.ok) throw new Error(draft.code);
      const sent = await submit(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, ifMatch: 1, answers: validMaaltal('0147', 'Sendt') });
      if (!sent.ok) throw new Error(sent.code);
      expect(await reopen(deps, { submissionId: sent.submission.id, actorId: u.user.id })).toMatchObject({ ok: true });
      const old = await legacy.selectFrom('submission_versions').selectAll().orderBy('version').execute();
      expect(old.map((v) => v.version)).toEqual([1, 2, 3]);
      expect(new Set(old.map((v) => v.id)).size).toBe(3);

      expect((await migrator.migrateTo(MIGRATION)).error).toBeUndefined();
      expect(await columnsOf(h.db, dialect)).toEqual(['submission_id', 'version', 'status', 'answers', 'schema_hash', 'saved_at', 'saved_by']);
      const kept = await h.db.selectFrom('submission_versions').selectAll().orderBy('version').execute();
      expect(kept).toEqual(old.map(({ id: _id, ...rest }) => rest));
      // The triggers write the new shape; the pair is the key.
      const again = await submit(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, ifMatch: 3, answers: validMaaltal('0147', 'Igen') });
      if (!again.ok) throw new Error(again.code);
      const fourth = await h.db.selectFrom('submission_versions').selectAll().where('submission_id', '=', sent.submission.id).where('version', '=', 4).executeTakeFirstOrThrow();
      expect(fourth).toMatchObject({ status: 'submitted', saved_by: u.user.id, answers: again.answersText });
      await expect(h.db.insertInto('submission_versions').values({ ...fourth, status: 'draft' }).execute()).rejects.toThrow();

      // Down gives each version a new random id again, and the old triggers back.
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const back = await legacy.selectFrom('submission_versions').selectAll().orderBy('version').execute();
      expect(back.map(({ id: _id, ...rest }) => rest)).toEqual([...kept, fourth]);
      expect(back.every((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v.id))).toBe(true);
      expect(new Set(back.map((v) => v.id)).size).toBe(4);
      expect(await reopen(deps, { submissionId: sent.submission.id, actorId: u.user.id })).toMatchObject({ ok: true });
      const fifth = await legacy.selectFrom('submission_versions').select(['id', 'version']).where('version', '=', 5).executeTakeFirstOrThrow();
      expect(typeof fifth.id).toBe('string');
      await expect(legacy.insertInto('submission_versions').values({ ...back[0], id: 'another' }).execute()).rejects.toThrow();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await h.db.selectFrom('submission_versions').select('version').orderBy('version').execute()).toEqual([1, 2, 3, 4, 5].map((version) => ({ version })));
    } finally {
      await h.destroy();
    }
  });
});
