import type { Transaction } from 'kysely';
import { preparedQuery, type Database } from '../db/index.ts';
import { auditHash } from './audit-hash.ts';

const bumpHead = preparedQuery((db) =>
  db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash']),
);

const insertEntry = preparedQuery(
  (db, p: { seq: number; at: string; actor_id: string | null; action: string; entity: string; entity_id: string; data: string; prev_hash: string; hash: string }) =>
    db.insertInto('audit_log').values({
      seq: p.seq,
      at: p.at,
      actor_id: p.actor_id,
      action: p.action,
      entity: p.entity,
      entity_id: p.entity_id,
      data: p.data,
      prev_hash: p.prev_hash,
      hash: p.hash,
    }),
);

const setHeadHash = preparedQuery((db, p: { hash: string }) => db.updateTable('audit_head').set({ hash: p.hash }).where('id', '=', 1));

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
  const head = (await bumpHead(trx, {})).rows[0];
  if (!head) throw new Error('audit_head is missing');
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
  await insertEntry(trx, { ...row, prev_hash: head.hash, hash });
  await setHeadHash(trx, { hash });
  return { seq: head.seq, hash };
}
