import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { auditHash, GENESIS_HASH } from './audit-hash.ts';

/** The chain is intact, or the first entry where it breaks and why. */
export type AuditChainResult =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | { readonly ok: false; readonly seq: number; readonly reason: 'gap' | 'prev_hash' | 'hash' | 'head' };

const PAGE = 1000;

/**
 * Recomputes every hash of the audit log in order and compares it with the stored one and with the
 * head row, so an edited, deleted or inserted entry is found.
 * @param db the database
 * @returns ok with the count, or the first broken entry
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditChainResult> {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expected).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) {
      if (r.seq !== expected) return { ok: false, seq: expected, reason: 'gap' };
      if (r.prev_hash !== prev) return { ok: false, seq: r.seq, reason: 'prev_hash' };
      if (auditHash(prev, r) !== r.hash) return { ok: false, seq: r.seq, reason: 'hash' };
      prev = r.hash;
      expected += 1;
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== expected - 1 || head.hash !== prev) return { ok: false, seq: expected, reason: 'head' };
  return { ok: true, count: expected - 1, head: prev };
}
