import { appendAudit, hashPassword, inTransaction, MIN_PASSWORD_LENGTH, type WorkflowDeps } from '../workflows/index.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { findCredentialByToken } from './find-credential-by-token.ts';
import { passwordWeakness } from '../workflows/password-weakness.ts';

/**
 * Sets the password of the account a set-password link opens, once: the link is used up in the
 * same transaction, and only if it is still the municipality's live, unexpired credential.
 * @param deps database, clock
 * @param input the link's token and the chosen password (twice)
 * @returns the account's e-mail (its user name), or WEAK_PASSWORD / INVALID_INPUT / LINK_INVALID
 */
export async function setPasswordWithLink(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly token: string; readonly password: string; readonly repeat: string },
): Promise<{ ok: true; email: string } | ContactsFailure> {
  const now = deps.clock();
  const link = await findCredentialByToken(deps.db, input.token, now);
  if (!link.ok) return contactsFail('LINK_INVALID', { reason: link.reason });
  // The same rule login applies (e-mail and name), so a password chosen here is never called weak at the first login.
  const user = await deps.db.selectFrom('users').select('navn').where('id', '=', link.userId).executeTakeFirst();
  const weak = await passwordWeakness(input.password, { email: link.email, ...(user ? { name: user.navn } : {}) });
  if (weak) return contactsFail('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH, grund: weak });
  if (input.password !== input.repeat) return contactsFail('INVALID_INPUT', { field: 'gentag adgangskode' });
  const hash = await hashPassword(input.password);
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const used = await trx
      .updateTable('respondent_credentials')
      .set({ status: 'used', used_at: at })
      .where('id', '=', link.credentialId)
      .where('status', '=', 'active')
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) === 0) return contactsFail('LINK_INVALID', { reason: 'brugt' });
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, disabled: 0, updated_at: at })
      .where('id', '=', link.userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', link.userId).execute();
    await appendAudit(trx, { at, actorId: link.userId, action: 'credential.used', entity: 'credential', entityId: link.credentialId, data: { userId: link.userId } });
    return { ok: true as const, email: link.email };
  });
}
