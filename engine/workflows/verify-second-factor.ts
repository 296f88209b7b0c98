import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { base32Decode } from './base32.ts';
import { matchTotp } from './totp.ts';
import { hashRecoveryCode } from './recovery-codes.ts';
import { defaultLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { recordSecurityEvent, securityData, type ClientInfo } from './security-event.ts';

/** A second factor that checked out. */
export interface SecondFactorSuccess {
  readonly ok: true;
  /** Whether a recovery code was used rather than a code from the app. */
  readonly recoveryCode: boolean;
  /** Recovery codes left unused. */
  readonly recoveryCodesLeft: number;
}

/**
 * Checks the second step of a login: a code from the app (one step of drift either way, each code
 * once) or an unused recovery code (each once), and lets the session through. The check passes the
 * same throttle as the password; failures, refusals and used recovery codes are audited with the
 * client's address and user agent.
 * @param deps database, clock
 * @param input the user, the session's cookie token, the code, the client's address and user agent
 * @param throttle the throttle (default: the service's limits)
 * @returns success, or INVALID_CODE / TOO_MANY_ATTEMPTS
 */
export async function verifySecondFactor(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly token: string; readonly code: string } & ClientInfo,
  throttle: LoginThrottle = defaultLoginThrottle(deps.db),
): Promise<SecondFactorSuccess | Failure> {
  const user = await deps.db.selectFrom('users').select(['email']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return fail('INVALID_CODE');
  const audit = (action: 'security.mfa_failed' | 'security.throttled', data: Record<string, unknown> = {}) =>
    recordSecurityEvent(deps.db, { at: deps.clock().toISOString(), action, entity: 'user', entityId: input.userId, actorId: input.userId, client: input, data: { email: user.email, stage: 'login', ...data } });
  const attempt = await throttle.begin(user.email, input.ip);
  if (!attempt.ok) {
    await audit('security.throttled', { retryAfter: attempt.params?.retryAfter });
    return attempt;
  }
  const now = deps.clock();
  const at = now.toISOString();
  const row = await deps.db.selectFrom('user_totp').select(['secret', 'last_step', 'confirmed_at']).where('user_id', '=', input.userId).executeTakeFirst();
  let recoveryCode = false;
  let ok = false;
  if (row?.confirmed_at) {
    const step = matchTotp(base32Decode(row.secret) ?? Buffer.alloc(0), input.code, now, row.last_step === null ? null : Number(row.last_step));
    if (step !== undefined) {
      // The step is claimed by one conditional write, so the same code sent twice at once passes once.
      const r = await deps.db
        .updateTable('user_totp')
        .set({ last_step: step })
        .where('user_id', '=', input.userId)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      ok = Number(r.numUpdatedRows) === 1;
    } else if (input.code.replace(/[\s-]/g, '').length === 10) {
      const r = await deps.db
        .updateTable('recovery_codes')
        .set({ used_at: at })
        .where('user_id', '=', input.userId)
        .where('code_hash', '=', hashRecoveryCode(input.code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      ok = recoveryCode = Number(r.numUpdatedRows) === 1;
    }
  }
  if (!ok) {
    await attempt.failed();
    await audit('security.mfa_failed');
    return fail('INVALID_CODE');
  }
  await attempt.succeeded();
  const left = await deps.db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', input.userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  const recoveryCodesLeft = Number(left.n);
  return inTransaction(deps.db, async (trx) => {
    await trx.updateTable('sessions').set({ second_factor: null }).where('id', '=', sha256Hex(input.token)).where('user_id', '=', input.userId).execute();
    await appendAudit(trx, {
      at,
      actorId: input.userId,
      action: recoveryCode ? 'security.recovery_code_used' : 'user.mfa_verified',
      entity: 'user',
      entityId: input.userId,
      data: securityData(input, { email: user.email, ...(recoveryCode ? { recoveryCodesLeft } : {}) }),
    });
    return { ok: true as const, recoveryCode, recoveryCodesLeft };
  });
}
