import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { sha256Hex } from '../workflows/index.ts';

/** A set-password link that works: whose account it opens. */
export interface LiveLink {
  readonly ok: true;
  readonly credentialId: string;
  readonly userId: string;
  readonly email: string;
  readonly kommune: string;
  readonly expiresAt: string;
}

/** Why a link does not work: unknown, already used, expired, or closed (replaced or revoked). */
export type DeadLink = {
  readonly ok: false;
  readonly reason: 'ukendt' | 'brugt' | 'udloebet' | 'lukket';
  /** The round the link was sent for, when the link is known: its sender is the one to ask for a new one. */
  readonly roundId?: string;
};

/**
 * Looks up a set-password link by its token (only the hash is stored).
 * @param db the database
 * @param token the token from the link
 * @param now the current time
 * @returns the account it opens, or why it does not work
 */
export async function findCredentialByToken(db: Kysely<Database>, token: string, now: Date): Promise<LiveLink | DeadLink> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'ukendt' };
  const row = await db
    .selectFrom('respondent_credentials as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.user_id', 'r.email', 'r.status', 'r.expires_at', 'r.round_id', 'o.navn'])
    .where('r.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'ukendt' };
  if (row.status === 'used') return { ok: false, reason: 'brugt', roundId: row.round_id };
  if (row.status !== 'active') return { ok: false, reason: 'lukket', roundId: row.round_id };
  if (Date.parse(row.expires_at) <= now.getTime()) return { ok: false, reason: 'udloebet', roundId: row.round_id };
  return { ok: true, credentialId: row.id, userId: row.user_id, email: row.email, kommune: row.navn, expiresAt: row.expires_at };
}
