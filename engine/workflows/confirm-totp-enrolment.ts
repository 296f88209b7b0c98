import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId, sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { base32Decode } from './base32.ts';
import { matchTotp } from './totp.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { defaultLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { recordSecurityEvent, securityData, type ClientInfo } from './security-event.ts';

/**
 * Confirms a TOTP enrolment with a code from the app, hands out new recovery codes (the only time
 * they are shown) and lets the session waiting for the enrolment through. The code passes the
 * same throttle as a password; a wrong code and the enrolment are audited.
 * @param deps database, clock
 * @param input the user, the session's cookie token, the code, the client's address and user agent
 * @param throttle the throttle (default: the service's limits)
 * @returns the recovery codes, or INVALID_CODE / TOO_MANY_ATTEMPTS / MFA_NOT_STARTED / MFA_ALREADY_ENROLLED
 */
export async function confirmTotpEnrolment(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly token: string; readonly code: string } & ClientInfo,
  throttle: LoginThrottle = defaultLoginThrottle(deps.db),
): Promise<{ readonly ok: true; readonly recoveryCodes: readonly string[] } | Failure> {
  const user = await deps.db.selectFrom('users').select(['email']).where('id', '=', input.userId).executeTakeFirst();
  const row = await deps.db.selectFrom('user_totp').select(['secret', 'confirmed_at']).where('user_id', '=', input.userId).executeTakeFirst();
  if (!user || !row) return fail('MFA_NOT_STARTED');
  if (row.confirmed_at) return fail('MFA_ALREADY_ENROLLED');
  const audit = (action: 'security.mfa_failed' | 'security.throttled', data: Record<string, unknown> = {}) =>
    recordSecurityEvent(deps.db, { at: deps.clock().toISOString(), action, entity: 'user', entityId: input.userId, actorId: input.userId, client: input, data: { email: user.email, stage: 'enrolment', ...data } });
  const attempt = await throttle.begin(user.email, input.ip);
  if (!attempt.ok) {
    await audit('security.throttled', { retryAfter: attempt.params?.retryAfter });
    return attempt;
  }
  const now = deps.clock();
  const step = matchTotp(base32Decode(row.secret) ?? Buffer.alloc(0), input.code, now, null);
  if (step === undefined) {
    await attempt.failed();
    await audit('security.mfa_failed');
    return fail('INVALID_CODE');
  }
  await attempt.succeeded();
  const codes = newRecoveryCodes();
  const at = now.toISOString();
  return inTransaction(deps.db, async (trx) => {
    const done = await trx
      .updateTable('user_totp')
      .set({ confirmed_at: at, last_step: step })
      .where('user_id', '=', input.userId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    // Two confirmations sent at once: the first one wins, the other changes nothing.
    if (Number(done.numUpdatedRows) !== 1) return fail('MFA_ALREADY_ENROLLED');
    await trx.deleteFrom('recovery_codes').where('user_id', '=', input.userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codes.map((c) => ({ id: newId(), user_id: input.userId, code_hash: hashRecoveryCode(c), used_at: null, created_at: at })))
      .execute();
    await trx.updateTable('sessions').set({ second_factor: null }).where('id', '=', sha256Hex(input.token)).where('user_id', '=', input.userId).execute();
    await appendAudit(trx, { at, actorId: input.userId, action: 'security.mfa_enrolled', entity: 'user', entityId: input.userId, data: securityData(input, { email: user.email }) });
    return { ok: true as const, recoveryCodes: codes };
  });
}
