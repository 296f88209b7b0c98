import type { User } from '../db/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId, newSecret, sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { DEFAULT_THROTTLE, type ThrottleOptions } from './throttle.ts';
import { SESSION_TTL_MS } from './session-policy.ts';

/** A successful login: the cookie token (shown once, stored only hashed) and the session's CSRF token. */
export interface LoginSuccess {
  readonly ok: true;
  readonly token: string;
  readonly csrfToken: string;
  readonly user: User;
}

/**
 * Checks a password and opens a session. Failed attempts are stored, so the limit holds across
 * processes; while an account or address is over its limit, even the right password is refused.
 * @param deps database, clock
 * @param input email, password and the client's address
 * @param throttle the limits
 * @returns the session, or INVALID_CREDENTIALS / TOO_MANY_ATTEMPTS
 */
export async function login(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly email: string; readonly password: string; readonly ip: string },
  throttle: ThrottleOptions = DEFAULT_THROTTLE,
): Promise<LoginSuccess | Failure> {
  const now = deps.clock();
  const email = input.email.trim().toLowerCase();
  const accountKey = `account:${email}`;
  const ipKey = `ip:${input.ip}`;
  const since = new Date(now.getTime() - throttle.windowMinutes * 60_000).toISOString();
  const counts = await deps.db
    .selectFrom('login_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', [accountKey, ipKey])
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  const count = (k: string) => Number(counts.find((c) => c.key === k)?.n ?? 0);
  if (count(accountKey) >= throttle.maxPerAccount || count(ipKey) >= throttle.maxPerIp) {
    return fail('TOO_MANY_ATTEMPTS', { minutes: throttle.windowMinutes });
  }
  const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  // Hash even for unknown accounts so the response time does not tell which emails exist.
  const good = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  const at = now.toISOString();
  if (!user || !good || user.disabled) {
    await deps.db
      .insertInto('login_failures')
      .values([
        { id: newId(), key: accountKey, at },
        { id: newId(), key: ipKey, at },
      ])
      .execute();
    return fail('INVALID_CREDENTIALS');
  }
  const token = newSecret();
  const csrfToken = newSecret();
  await inTransaction(deps.db, async (trx) => {
    await trx.deleteFrom('login_failures').where('key', '=', accountKey).execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: at,
        last_seen_at: at,
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      })
      .execute();
    await appendAudit(trx, { at, actorId: user.id, action: 'user.login', entity: 'user', entityId: user.id, data: { ip: input.ip } });
    return true;
  });
  return { ok: true, token, csrfToken, user };
}
