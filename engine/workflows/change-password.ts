import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { passwordWeakness } from './password-weakness.ts';

/**
 * Changes a user's password after checking the current one, and ends the user's other sessions.
 * @param deps database, clock
 * @param input the user, the current session's token (kept), the current and the new password
 * @returns ok, or INVALID_CREDENTIALS / WEAK_PASSWORD
 */
export async function changePassword(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly keepToken: string; readonly current: string; readonly next: string },
): Promise<{ ok: true } | Failure> {
  const user = await deps.db.selectFrom('users').select(['password_hash', 'email', 'navn']).where('id', '=', input.userId).executeTakeFirst();
  if (!user || !(await verifyPassword(input.current, user.password_hash))) return fail('INVALID_CREDENTIALS');
  const weak = await passwordWeakness(input.next, { email: user.email, name: user.navn, current: input.current });
  if (weak) return fail('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH, grund: weak });
  const hash = await hashPassword(input.next);
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 0, updated_at: at }).where('id', '=', input.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).where('id', '!=', sha256Hex(input.keepToken)).execute();
    await appendAudit(trx, { at, actorId: input.userId, action: 'user.password_changed', entity: 'user', entityId: input.userId });
    return { ok: true as const };
  });
}
