import type { Transaction } from 'kysely';
import { preparedQuery, type Database } from '../db/index.ts';

// One statement: the view's trigger moves the chain's tip on under its row lock, takes the global
// position and hashes the entry in the database (migration 2026-12-07-writes-audit).
const appendEntry = preparedQuery(
  (db, p: { at: string; actor_id: string | null; action: string; entity: string; entity_id: string; data: string; chain: string }) =>
    db.insertInto('audit_append').values({
      at: p.at,
      actor_id: p.actor_id,
      action: p.action,
      entity: p.entity,
      entity_id: p.entity_id,
      data: p.data,
      chain: p.chain,
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
 * Appends one entry to its entity's audit chain inside the caller's transaction, in one statement.
 * Moving the chain's tip on takes its row lock, so concurrent writers to the same entity (also in
 * other processes) queue for that tip only. Where the entry landed is not returned: SQLite's
 * RETURNING through a view gives back only what was inserted into it.
 * @param trx the open transaction
 * @param input the entry
 */
export async function appendAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  await appendEntry(trx, {
    at: input.at,
    actor_id: input.actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    data: JSON.stringify(input.data ?? {}),
    chain: auditChainOf(input.entity, input.entityId),
  });
}
