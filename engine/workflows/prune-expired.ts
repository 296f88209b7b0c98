import type { WorkflowDeps } from './deps.ts';
import { SESSION_IDLE_MS } from './session-policy.ts';
import { DEFAULT_THROTTLE } from './throttle.ts';

/**
 * Deletes sessions past their lifetime or idle limit, and failed-login records older than a day
 * (far beyond any throttle window), so neither table grows without bound.
 * @param deps database, clock
 * @returns how many rows of each were deleted
 */
export async function pruneExpired(deps: Pick<WorkflowDeps, 'db' | 'clock'>): Promise<{ sessions: number; loginFailures: number }> {
  const now = deps.clock().getTime();
  const s = await deps.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', new Date(now).toISOString()), eb('last_seen_at', '<=', new Date(now - SESSION_IDLE_MS).toISOString())]),
    )
    .executeTakeFirst();
  const keep = Math.max(24 * 60, DEFAULT_THROTTLE.windowMinutes) * 60_000;
  const f = await deps.db.deleteFrom('login_failures').where('at', '<=', new Date(now - keep).toISOString()).executeTakeFirst();
  return { sessions: Number(s.numDeletedRows), loginFailures: Number(f.numDeletedRows) };
}
