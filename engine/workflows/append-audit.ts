import type { Transaction } from 'kysely';
import { nextAuditSeq, preparedQuery, type Database } from '../db/index.ts';
import { auditEntryHash } from './audit-entry-hash.ts';
import { GENESIS_HASH } from './audit-hash.ts';

// Moves the chain's tip on (or starts the chain) and hands out the entry's global position in the
// same statement. Only writers to the same entity share the tip's row lock.
const bumpChain = preparedQuery((db, p: { chain: string; genesis: string }) =>
  db
    .insertInto('audit_chains')
    .values({ chain: p.chain, seq: 1, hash: p.genesis, sealed_seq: 0 })
    .onConflict((oc) => oc.column('chain').doUpdateSet((eb) => ({ seq: eb('audit_chains.seq', '+', 1) })))
    .returning(['seq', 'hash', nextAuditSeq(db).as('global_seq')]),
);

const insertEntry = preparedQuery(
  (
    db,
    p: { seq: number; at: string; actor_id: string | null; action: string; entity: string; entity_id: string; data: string; prev_hash: string; hash: string; chain: string; chain_seq: number },
  ) =>
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
      chain: p.chain,
      chain_seq: p.chain_seq,
    }),
);

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
 * The chain an entry belongs to: one per audited thing, so a respondent's saves never wait for
 * another respondent's, nor for a login.
 * @param entity the kind of thing
 * @param entityId its id
 * @returns the chain's key
 */
export function auditChainOf(entity: string, entityId: string): string {
  return `${entity}/${entityId}`;
}

/**
 * Appends one entry to its entity's audit chain inside the caller's transaction. Bumping the
 * chain's tip first takes its row lock, so concurrent writers to the same entity (also in other
 * processes) queue for that tip only.
 * @param trx the open transaction
 * @param input the entry
 * @returns the entry's global position, its place in its chain and its hash
 */
export async function appendAudit(trx: Transaction<Database>, input: AuditInput): Promise<{ seq: number; chainSeq: number; hash: string }> {
  const chain = auditChainOf(input.entity, input.entityId);
  const tip = (await bumpChain(trx, { chain, genesis: GENESIS_HASH })).rows[0] as { seq: number; hash: string; global_seq: number | string } | undefined;
  if (!tip) throw new Error('audit chain tip is missing');
  const row = {
    seq: Number(tip.global_seq),
    at: input.at,
    actor_id: input.actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    data: JSON.stringify(input.data ?? {}),
    chain,
    chain_seq: tip.seq,
  };
  const hash = auditEntryHash(tip.hash, row);
  // The entry sits at the tip's position, so the database makes its hash the tip's (a trigger).
  await insertEntry(trx, { ...row, prev_hash: tip.hash, hash });
  return { seq: row.seq, chainSeq: tip.seq, hash };
}
