import type { WorkflowDeps } from './deps.ts';
import { sha256Hex } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/**
 * Ends the session a cookie token names.
 * @param deps database, clock
 * @param token the cookie value
 * @returns whether a session was ended
 */
export async function logout(deps: Pick<WorkflowDeps, 'db' | 'clock'>, token: string): Promise<boolean> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const s = await trx.deleteFrom('sessions').where('id', '=', sha256Hex(token)).returning('user_id').executeTakeFirst();
    if (!s) return false;
    await appendAudit(trx, { at, actorId: s.user_id, action: 'user.logout', entity: 'user', entityId: s.user_id });
    return true;
  }) as Promise<boolean>;
}
