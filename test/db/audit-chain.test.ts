import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase, MIGRATIONS, type Database } from '../../engine/db/index.ts';
import { appendAudit, auditHash, inTransaction, sealAuditCheckpoint, verifyAuditChain } from '../../engine/workflows/index.ts';
import { DIALECTS, forEachDialect, openTestDatabase } from '../helpers/index.ts';

const AT = '2026-12-07T08:00:00.000Z';

async function append(db: Kysely<Database>, entity: string, entityId: string, action = 'thing.done'): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, { at: AT, actorId: null, action, entity, entityId, data: { n: Math.random() } }));
}

async function entry(db: Kysely<Database>, chain: string, chainSeq: number) {
  return db.selectFrom('audit_log').selectAll().where('chain', '=', chain).where('chain_seq', '=', chainSeq).executeTakeFirstOrThrow();
}

forEachDialect('audit chains', (t, dialect) => {
  it('keeps one chain per entity and verifies them all', async () => {
    for (let i = 0; i < 3; i++) {
      await append(t.db, 'submission', 'a');
      await append(t.db, 'submission', 'b');
      await append(t.db, 'user', 'u');
    }
    const ok = await verifyAuditChain(t.db);
    expect(ok).toMatchObject({ ok: true, count: 9, chains: 3, checkpoints: 0 });
    const a = await t.db.selectFrom('audit_log').select(['chain_seq', 'seq']).where('chain', '=', 'submission/a').orderBy('chain_seq').execute();
    expect(a.map((r) => r.chain_seq)).toEqual([1, 2, 3]);
    expect(new Set((await t.db.selectFrom('audit_log').select('seq').execute()).map((r) => r.seq)).size).toBe(9);
  });

  it('seals moved tips into chained checkpoints, and only those', async () => {
    expect(await sealAuditCheckpoint(t.db, AT)).toMatchObject({ sealed: 3, checkpoint: 1 });
    expect(await sealAuditCheckpoint(t.db, AT)).toEqual({ sealed: 0 });
    await append(t.db, 'submission', 'a');
    expect(await sealAuditCheckpoint(t.db, AT)).toMatchObject({ sealed: 1, checkpoint: 2 });
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: true, count: 10, checkpoints: 2 });
  });

  it('detects a changed entry', async () => {
    const victim = await entry(t.db, 'submission/b', 2);
    await t.db.updateTable('audit_log').set({ data: '{"n":1}' }).where('seq', '=', victim.seq).execute();
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: victim.seq, chain: 'submission/b', reason: 'hash' });
    await t.db.updateTable('audit_log').set({ data: victim.data }).where('seq', '=', victim.seq).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects a deleted entry in the middle of a chain and at its end', async () => {
    const middle = await entry(t.db, 'submission/b', 2);
    await t.db.deleteFrom('audit_log').where('seq', '=', middle.seq).execute();
    const third = await entry(t.db, 'submission/b', 3);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: third.seq, chain: 'submission/b', reason: 'gap' });
    await t.db.insertInto('audit_log').values(middle).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    await t.db.deleteFrom('audit_log').where('seq', '=', third.seq).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, chain: 'submission/b', reason: 'head' });
    // Resetting the tip to hide the deletion is caught by the checkpoint that sealed it.
    await t.db.updateTable('audit_chains').set({ seq: 2, hash: middle.hash }).where('chain', '=', 'submission/b').execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, chain: 'submission/b', reason: 'checkpoint' });
    await t.db.insertInto('audit_log').values(third).execute();
    await t.db.updateTable('audit_chains').set({ seq: 3, hash: third.hash }).where('chain', '=', 'submission/b').execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects reordered entries, within a chain and in the global order', async () => {
    const one = await entry(t.db, 'submission/a', 1);
    const two = await entry(t.db, 'submission/a', 2);
    // Swap their places in the chain (through a free place, as the pair is unique).
    await t.db.updateTable('audit_log').set({ chain_seq: 99 }).where('seq', '=', one.seq).execute();
    await t.db.updateTable('audit_log').set({ chain_seq: 1 }).where('seq', '=', two.seq).execute();
    await t.db.updateTable('audit_log').set({ chain_seq: 2 }).where('seq', '=', one.seq).execute();
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, seq: two.seq, chain: 'submission/a', reason: 'prev_hash' });
    await t.db.updateTable('audit_log').set({ chain_seq: 99 }).where('seq', '=', one.seq).execute();
    await t.db.updateTable('audit_log').set({ chain_seq: 2 }).where('seq', '=', two.seq).execute();
    await t.db.updateTable('audit_log').set({ chain_seq: 1 }).where('seq', '=', one.seq).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    // Swap two entries of different chains in the global order.
    const user = await entry(t.db, 'user/u', 1);
    const free = 1_000_000;
    await t.db.updateTable('audit_log').set({ seq: free }).where('seq', '=', one.seq).execute();
    await t.db.updateTable('audit_log').set({ seq: one.seq }).where('seq', '=', user.seq).execute();
    await t.db.updateTable('audit_log').set({ seq: user.seq }).where('seq', '=', free).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, reason: 'hash' });
    await t.db.updateTable('audit_log').set({ seq: free }).where('chain', '=', 'submission/a').where('chain_seq', '=', 1).execute();
    await t.db.updateTable('audit_log').set({ seq: user.seq }).where('chain', '=', 'user/u').where('chain_seq', '=', 1).execute();
    await t.db.updateTable('audit_log').set({ seq: one.seq }).where('seq', '=', free).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects a changed or deleted checkpoint and a deleted chain', async () => {
    const first = await t.db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    await t.db.updateTable('audit_checkpoints').set({ heads: first.heads.replace('"user/u",3', '"user/u",2') }).where('seq', '=', 1).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, seq: 1, reason: 'checkpoint' });
    await t.db.deleteFrom('audit_checkpoints').where('seq', '=', 1).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, reason: 'checkpoint' });
    await t.db.insertInto('audit_checkpoints').values(first).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    const user = await t.db.selectFrom('audit_log').selectAll().where('chain', '=', 'user/u').execute();
    await t.db.deleteFrom('audit_log').where('chain', '=', 'user/u').execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, chain: 'user/u', reason: 'head' });
    await t.db.insertInto('audit_log').values(user).execute();
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('lets writers to different entities commit while one holds its chain', async () => {
    // A second pool stands in for another instance of the service on PostgreSQL; SQLite has one
    // writer at a time by design, so there the point is only that both chains stay whole.
    if (dialect === 'sqlite') {
      await append(t.db, 'submission', 'c');
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
      return;
    }
    const other = createDatabase({ ...t.handle.options, poolSize: 2 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let appended!: () => void;
      const inside = new Promise<void>((r) => (appended = r));
      const holder = inTransaction(t.db, async (trx) => {
        await appendAudit(trx, { at: AT, actorId: null, action: 'thing.done', entity: 'submission', entityId: 'held', data: {} });
        appended();
        await held;
        return true;
      });
      await inside;
      // The other writer finishes while the first transaction is still open.
      const done = await Promise.race([
        append(other.db, 'submission', 'free').then(() => 'committed'),
        new Promise((r) => setTimeout(() => r('waited'), 3000)),
      ]);
      release();
      await holder;
      expect(done).toBe('committed');
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    } finally {
      await other.destroy();
    }
  });
});

describe.each(DIALECTS)('audit entries written before chains per entity [%s]', (dialect) => {
  it('still verify, with new entries after them', async () => {
    const h = await openTestDatabase(dialect, { migrate: false });
    try {
      const names = Object.keys(MIGRATIONS);
      const before = names[names.indexOf('2026-12-07-audit-chains') - 1]!;
      const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(h.db)).rows[0]!.s : undefined;
      const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) }, ...(schema ? { migrationTableSchema: schema } : {}) });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      // The earlier scheme: one head row bumped by every entry.
      const legacy = h.db as unknown as Kysely<any>;
      for (let i = 0; i < 5; i++) {
        const head = await legacy.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
        const row = { seq: head.seq + 1, at: AT, actor_id: null, action: 'old.entry', entity: 'user', entity_id: 'u', data: `{"i":${i}}` };
        const hash = auditHash(head.hash, row);
        await legacy.insertInto('audit_log').values({ ...row, prev_hash: head.hash, hash }).execute();
        await legacy.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await append(h.db, 'user', 'u', 'new.entry');
      await append(h.db, 'submission', 'x', 'new.entry');
      expect(await sealAuditCheckpoint(h.db, AT)).toMatchObject({ sealed: 2 });
      expect(await verifyAuditChain(h.db)).toMatchObject({ ok: true, count: 7, chains: 2 });
      const seqs = (await h.db.selectFrom('audit_log').select('seq').where('action', '=', 'new.entry').execute()).map((r) => r.seq);
      expect(Math.min(...seqs)).toBeGreaterThan(5);

      const old = await h.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      await h.db.updateTable('audit_log').set({ data: '{"i":9}' }).where('seq', '=', 3).execute();
      expect(await verifyAuditChain(h.db)).toEqual({ ok: false, seq: 3, reason: 'hash' });
      await h.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
      expect(await verifyAuditChain(h.db)).toEqual({ ok: false, seq: 3, reason: 'gap' });
      await h.db.insertInto('audit_log').values(old).execute();
      expect((await verifyAuditChain(h.db)).ok).toBe(true);
    } finally {
      await h.destroy();
    }
  });
});
