import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { passwordWeakness } from './password-weakness.ts';
import { defaultLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { recordSecurityEvent, securityData, type ClientInfo } from './security-event.ts';

/**
 * Changes a user's password after checking the current one, and ends the user's other sessions.
 * The check of the current password passes the same throttle as a login to the account; a wrong
 * or refused check and the change are audited with the client's address and user agent.
 * @param deps database, clock
 * @param input the user, the current session's token (kept), the current and the new password, the client's address and user agent
 * @param throttle the throttle (default: the service's limits)
 * @returns ok, or INVALID_CREDENTIALS / TOO_MANY_ATTEMPTS / WEAK_PASSWORD
 */
export async function changePassword(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly keepToken: string; readonly current: string; readonly next: string } & ClientInfo,
  throttle: LoginThrottle = defaultLoginThrottle(deps.db),
): Promise<{ ok: true } | Failure> {
  const user = await deps.db.selectFrom('users').select(['password_hash', 'email', 'navn']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return fail('INVALID_CREDENTIALS');
  const audit = (action: 'security.password_change_failed' | 'security.throttled', data: Record<string, unknown> = {}) =>
    recordSecurityEvent(deps.db, { at: deps.clock().toISOString(), action, entity: 'user', entityId: input.userId, actorId: input.userId, client: input, data: { email: user.email, ...data } });
  const attempt = await throttle.begin(user.email, input.ip);
  if (!attempt.ok) {
    await audit('security.throttled', { retryAfter: attempt.params?.retryAfter });
    return attempt;
  }
  if (!(await verifyPassword(input.current, user.password_hash))) {
    await attempt.failed();
    await audit('security.password_change_failed');
    return fail('INVALID_CREDENTIALS');
  }
  await attempt.succeeded();
  const weak = await passwordWeakness(input.next, { email: user.email, name: user.navn, current: input.current });
  if (weak) return fail('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH, grund: weak });
  const hash = await hashPassword(input.next);
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, must_change_password: 0, updated_at: at }).where('id', '=', input.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).where('id', '!=', sha256Hex(input.keepToken)).execute();
    await appendAudit(trx, { at, actorId: input.userId, action: 'user.password_changed', entity: 'user', entityId: input.userId, data: securityData(input) });
    return { ok: true as const };
  });
}
