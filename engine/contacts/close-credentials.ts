import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import { appendAudit } from '../workflows/index.ts';
import { lockedPasswordHash } from './locked-password.ts';

/** Why a municipality's login is closed. */
export type CloseReason = 'kontakt-aendret' | 'nyt-login' | 'tilbagekaldt';

/**
 * Closes a municipality's live credential for a round inside the caller's transaction: the
 * set-password link stops working, a mail still waiting for it is cancelled, and the account it
 * opened is locked (password unusable, sessions ended) and, unless it stays the contact's account,
 * disabled. `revoked` keeps the municipality out of bulk sends until the ministry sends anew.
 * @param trx the open transaction
 * @param input round, organisation, the new status, why, when and by whom, and an account to keep enabled
 * @returns the closed credential's id, or null when there was none
 */
export async function closeCredentials(
  trx: Transaction<Database>,
  input: {
    readonly roundId: string;
    readonly organisationId: string;
    readonly status: 'replaced' | 'revoked';
    readonly reason: CloseReason;
    readonly at: string;
    readonly actorId: string | null;
    readonly keepUserId?: string;
  },
): Promise<string | null> {
  const live = await trx
    .selectFrom('respondent_credentials')
    .select(['id', 'user_id', 'status'])
    .where('round_id', '=', input.roundId)
    .where('organisation_id', '=', input.organisationId)
    .where('status', 'in', ['active', 'used', 'revoked'])
    .executeTakeFirst();
  if (!live) return null;
  await trx
    .updateTable('respondent_credentials')
    .set({ status: input.status, closed_at: input.at, closed_reason: input.reason })
    .where('id', '=', live.id)
    .execute();
  await trx
    .updateTable('mails')
    .set({ status: 'cancelled', secret: null, body: '(annulleret, før den blev sendt)', claimed_by: null })
    .where('credential_id', '=', live.id)
    .where('status', '=', 'pending')
    .execute();
  if (live.user_id !== input.keepUserId) {
    await trx
      .updateTable('users')
      .set({ password_hash: lockedPasswordHash(), disabled: 1, updated_at: input.at })
      .where('id', '=', live.user_id)
      .where('role', '=', 'respondent')
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', live.user_id).execute();
  }
  await appendAudit(trx, {
    at: input.at,
    actorId: input.actorId,
    action: input.status === 'revoked' ? 'credential.revoked' : 'credential.replaced',
    entity: 'credential',
    entityId: live.id,
    data: { reason: input.reason, userId: live.user_id, previous: live.status },
  });
  return live.id;
}
