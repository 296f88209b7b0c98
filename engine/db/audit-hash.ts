import { hash } from 'node:crypto';

/** The fields of an audit entry that its hash covers. */
export interface AuditFields {
  readonly seq: number;
  readonly at: string;
  readonly actor_id: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entity_id: string;
  /** JSON text exactly as stored. */
  readonly data: string;
}

/** The hash of the chain's start, before any entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Hashes one entry together with the previous entry's hash, so changing, removing or reordering
 * any entry breaks every hash after it.
 * @param prevHash the previous entry's hash (GENESIS_HASH for the first)
 * @param e the entry
 * @returns hex SHA-256
 */
export function auditHash(prevHash: string, e: AuditFields): string {
  return hash('sha256', JSON.stringify([prevHash, e.seq, e.at, e.actor_id, e.action, e.entity, e.entity_id, e.data]), 'hex');
}
