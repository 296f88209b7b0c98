import type { WorkflowDeps } from './deps.ts';
import { SESSION_IDLE_MS } from './session-policy.ts';

/**
 * Deletes sessions past their lifetime or idle limit, and throttle counters that have lapsed, so
 * neither table grows without bound.
 * @param deps database, clock
 * @returns how many rows of each were deleted
 */
export async function pruneExpired(deps: Pick<WorkflowDeps, 'db' | 'clock'>): Promise<{ sessions: number; throttleKeys: number }> {
  const now = deps.clock().getTime();
  const s = await deps.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', new Date(now).toISOString()), eb('last_seen_at', '<=', new Date(now - SESSION_IDLE_MS).toISOString())]),
    )
    .executeTakeFirst();
  // The counters lapse by the real time their store wrote, whatever clock the workflows are given.
  const f = await deps.db.deleteFrom('login_throttle').where('expire', '<', Date.now()).executeTakeFirst();
  return { sessions: Number(s.numDeletedRows), throttleKeys: Number(f.numDeletedRows) };
}
