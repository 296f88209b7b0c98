import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { securityData, type ClientInfo } from './security-event.ts';

/**
 * An admin's reset of a user's second factor (a lost phone): the secret and recovery codes go, and
 * the user's sessions end, so the next login asks for a new enrolment where the role requires one.
 * Audited with the admin as actor and the admin's address and user agent.
 * @param deps database, clock
 * @param input the user, the admin, the admin's address and user agent
 * @returns ok and whether a second factor was set up, or NOT_FOUND
 */
export async function resetTotp(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly actorId: string } & ClientInfo,
): Promise<{ readonly ok: true; readonly wasEnrolled: boolean } | Failure> {
  const user = await deps.db.selectFrom('users').select(['email']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return fail('NOT_FOUND', { what: 'brugeren' });
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const had = await trx.selectFrom('user_totp').select(['confirmed_at']).where('user_id', '=', input.userId).executeTakeFirst();
    await trx.deleteFrom('user_totp').where('user_id', '=', input.userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', input.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).execute();
    const wasEnrolled = Boolean(had?.confirmed_at);
    await appendAudit(trx, { at, actorId: input.actorId, action: 'security.mfa_reset', entity: 'user', entityId: input.userId, data: securityData(input, { email: user.email, wasEnrolled }) });
    return { ok: true as const, wasEnrolled };
  });
}
