import { auditHash, type AuditFields } from './audit-hash.ts';
import { hash } from 'node:crypto';

/** An audit entry as stored: the legacy fields plus its chain and place in it. */
export interface ChainedAuditFields extends AuditFields {
  readonly chain: string | null;
  readonly chain_seq: number | null;
}

/**
 * Hashes an entry together with the previous entry of its chain. An entry of a chain covers its
 * chain and place there as well as its global position, so moving it within its chain or in the
 * global order breaks its hash; an entry written before chains (chain null) keeps its old hash.
 * @param prevHash the previous entry's hash in the same chain (GENESIS_HASH for the first)
 * @param e the entry
 * @returns hex SHA-256
 */
export function auditEntryHash(prevHash: string, e: ChainedAuditFields): string {
  if (e.chain === null) return auditHash(prevHash, e);
  return hash('sha256', JSON.stringify([prevHash, e.chain, e.chain_seq, e.seq, e.at, e.actor_id, e.action, e.entity, e.entity_id, e.data]), 'hex');
}
