import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import { auditHash } from './audit-hash.ts';

/** What happened, to what, by whom. */
export interface AuditInput {
  readonly at: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * Appends one entry to the audit log inside the caller's transaction. Bumping the head row first
 * takes its row lock, so concurrent writers (also in other processes) queue for the chain's tip.
 * @param trx the open transaction
 * @param input the entry
 * @returns the entry's sequence number and hash
 */
export async function appendAudit(trx: Transaction<Database>, input: AuditInput): Promise<{ seq: number; hash: string }> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row = {
    seq: head.seq,
    at: input.at,
    actor_id: input.actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    data: JSON.stringify(input.data ?? {}),
  };
  const hash = auditHash(head.hash, row);
  await trx.insertInto('audit_log').values({ ...row, prev_hash: head.hash, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return { seq: head.seq, hash };
}
