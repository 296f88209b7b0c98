import type { Role, SecondFactor, User } from '../db/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newSecret, sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { defaultLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import { recordSecurityEvent, securityData, type ClientInfo } from './security-event.ts';
import { SESSION_TTL_MS } from './session-policy.ts';
import { passwordWeakness } from './password-weakness.ts';

/** A successful login: the cookie token (shown once, stored only hashed) and the session's CSRF token. */
export interface LoginSuccess {
  readonly ok: true;
  readonly token: string;
  readonly csrfToken: string;
  readonly user: User;
  /** What the session waits for before it is fully signed in: a code, an enrolment, or nothing. */
  readonly secondFactor: SecondFactor | null;
}

/**
 * Checks a password and opens a session. Every attempt passes the throttle first (counted in the
 * store, so the limits hold across processes); a refused attempt is not checked at all. Failed
 * and refused attempts are audited with the client's address and user agent, as is a login.
 * A user with a confirmed TOTP gets a session waiting for the code; a user whose role is in
 * `mfaRoles` without one gets a session waiting for the enrolment. A password that no longer
 * passes the password rule is let in once more but must be changed before anything else.
 * @param deps database, clock
 * @param input email, password, the roles that must have a second factor, the client's address and user agent
 * @param throttle the throttle (default: the service's limits)
 * @returns the session, or INVALID_CREDENTIALS / TOO_MANY_ATTEMPTS
 */
export async function login(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly email: string; readonly password: string; readonly mfaRoles?: readonly Role[] } & ClientInfo,
  throttle: LoginThrottle = defaultLoginThrottle(deps.db),
): Promise<LoginSuccess | Failure> {
  const email = input.email.trim().toLowerCase();
  const audit = (action: 'security.login_failed' | 'security.throttled', data: Record<string, unknown> = {}) =>
    recordSecurityEvent(deps.db, { at: deps.clock().toISOString(), action, entity: 'login', entityId: email, actorId: null, client: input, data: { email, ...data } });
  const attempt = await throttle.begin(email, input.ip);
  if (!attempt.ok) {
    await audit('security.throttled', { retryAfter: attempt.params?.retryAfter });
    return attempt;
  }
  const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  // Hash even for unknown accounts so the response time does not tell which emails exist.
  const good = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !good || user.disabled) {
    await attempt.failed();
    await audit('security.login_failed');
    return fail('INVALID_CREDENTIALS');
  }
  await attempt.succeeded();
  const totp = await deps.db.selectFrom('user_totp').select(['confirmed_at']).where('user_id', '=', user.id).executeTakeFirst();
  const secondFactor: SecondFactor | null = totp?.confirmed_at ? 'code' : (input.mfaRoles ?? []).includes(user.role) ? 'enrol' : null;
  // Passwords set before the current rule are checked here, the only time the service sees them.
  const weak = !user.must_change_password && (await passwordWeakness(input.password, { email: user.email, name: user.navn })) !== null;
  const now = deps.clock();
  const at = now.toISOString();
  const token = newSecret();
  const csrfToken = newSecret();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: at,
        last_seen_at: at,
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
        second_factor: secondFactor,
      })
      .execute();
    if (weak) await trx.updateTable('users').set({ must_change_password: 1, updated_at: at }).where('id', '=', user.id).execute();
    const data = { ...(secondFactor ? { secondFactor } : {}), ...(weak ? { passwordFailsRule: true } : {}) };
    await appendAudit(trx, { at, actorId: user.id, action: 'user.login', entity: 'user', entityId: user.id, data: securityData(input, data) });
    return true;
  });
  return { ok: true, token, csrfToken, user: weak ? { ...user, must_change_password: 1 } : user, secondFactor };
}
