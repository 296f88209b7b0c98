import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../engine/db/index.ts';
import { appendAudit, auditChainOf, verifyAuditChain } from '../../engine/workflows/index.ts';
import { auditEntryHash, type ChainedAuditFields } from '../../engine/db/index.ts';
import { forEachDialect } from '../helpers/index.ts';

/*
 * The database hashes audit entries (migration 2026-12-07-writes-audit), the service verifies them:
 * the two must agree byte for byte on every string an entry can hold. PostgreSQL builds the JSON
 * text with to_json, so the strings below are the ones JSON.stringify escapes or might be expected to.
 */
const CONTROL = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
const NASTY = [
  '',
  '"',
  '\\',
  '\\"',
  '\\u0041',
  "'; drop table audit_log; --",
  CONTROL,
  '\b\f\n\r\t\v',
  '\u007f\u0080\u009f',
  'æøå ÆØÅ é',
  '\u2028\u2029',
  '\ufeff\ufffd\uffff',
  '😀👩‍👩‍👧',
  '</script><!--',
  'null',
  '[1,"a"]',
  ' ',
];

async function hashInDatabase(db: Kysely<Database>, prevHash: string, e: ChainedAuditFields): Promise<string> {
  const { rows } = await sql<{ hash: string }>`select audit_entry_hash(${prevHash}, ${e.chain}, ${e.chain_seq}, ${e.seq}, ${e.at}, ${e.actor_id},
    ${e.action}, ${e.entity}, ${e.entity_id}, ${e.data}) as hash`.execute(db);
  return rows[0]!.hash;
}

const fields = (s: string, actor: string | null): ChainedAuditFields => ({
  chain: `${s}/${s}`,
  chain_seq: 2_147_483_647,
  seq: 9_007_199_254_740_991,
  at: s,
  actor_id: actor,
  action: s,
  entity: s,
  entity_id: s,
  data: JSON.stringify({ s, [s]: [s] }),
});

forEachDialect('audit entry hash in the database', (t) => {
  it('is the service\'s hash for strings JSON escapes, non-ASCII and a null actor', async () => {
    for (const s of NASTY) {
      for (const actor of [s, null]) {
        const e = fields(s, actor);
        expect(await hashInDatabase(t.db, s, e), JSON.stringify(s)).toBe(auditEntryHash(s, e));
      }
    }
  });

  it('is the service\'s hash for any text the database can hold', async () => {
    // Every code point but NUL, which PostgreSQL text cannot hold; lone surrogates are not text.
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(text, text, fc.option(text), fc.nat(), async (a, b, actor, n) => {
        const e = { chain: a, chain_seq: n, seq: n + 1, at: b, actor_id: actor, action: a + b, entity: b, entity_id: a, data: JSON.stringify([a, b]) };
        expect(await hashInDatabase(t.db, b, e)).toBe(auditEntryHash(b, e));
      }),
      { numRuns: 200 },
    );
  });

  it('writes entries of nasty strings that verify and that the service hashes alike', async () => {
    // A lone surrogate reaches the database as U+FFFD; the entry is hashed as stored, so it verifies.
    for (const s of [...NASTY, '\ud800x']) {
      for (const actor of [s, null]) {
        await t.db.transaction().execute((trx) => appendAudit(trx, { at: s, actorId: actor, action: s, entity: 'thing', entityId: s, data: { s } }));
      }
    }
    const rows = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'thing').orderBy('chain').orderBy('chain_seq').execute();
    expect(rows).toHaveLength(2 * (NASTY.length + 1));
    for (const r of rows) {
      expect(r.chain).toBe(auditChainOf(r.entity, r.entity_id));
      expect(r.hash).toBe(auditEntryHash(r.prev_hash, r));
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: rows.length, chains: NASTY.length + 1 });
  });
});
