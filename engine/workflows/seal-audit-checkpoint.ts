import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { GENESIS_HASH } from '../db/index.ts';
import { checkpointHash } from './checkpoint-hash.ts';

/** What a seal did: the checkpoint it wrote, or none when no chain had moved. */
export type SealResult = { readonly sealed: 0 } | { readonly sealed: number; readonly checkpoint: number; readonly hash: string };

/**
 * Seals the tip of every audit chain that moved since the last checkpoint into a new checkpoint,
 * chained to the one before. Requests never run this; a background timer and the verifying admin
 * do, so only they ever wait for each other.
 * @param db the database
 * @param at the checkpoint's time (ISO)
 * @returns how many tips were sealed and the checkpoint
 */
export async function sealAuditCheckpoint(db: Kysely<Database>, at: string): Promise<SealResult> {
  return db.transaction().execute(async (trx) => {
    // The old single head row no longer moves with entries, so it serves as the sealers' lock:
    // two sealers on PostgreSQL queue here instead of both writing the same checkpoint number.
    await sql`update audit_head set seq = seq where id = 1`.execute(trx);
    const last = await trx.selectFrom('audit_checkpoints').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const moved = await trx
      .updateTable('audit_chains')
      .set((eb) => ({ sealed_seq: eb.ref('seq') }))
      .whereRef('seq', '>', 'sealed_seq')
      .returning(['chain', 'seq', 'hash'])
      .execute();
    if (moved.length === 0) return { sealed: 0 as const };
    const heads = JSON.stringify(
      moved
        .map((m) => [m.chain, m.seq, m.hash] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.hash ?? GENESIS_HASH;
    const hash = checkpointHash(prev, { seq, at, heads });
    await trx.insertInto('audit_checkpoints').values({ seq, at, heads, prev_hash: prev, hash }).execute();
    return { sealed: moved.length, checkpoint: seq, hash };
  });
}
