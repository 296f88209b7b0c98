import { preparedQuery, type Session, type User } from '../db/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { sha256Hex } from './ids.ts';
import { SESSION_IDLE_MS, SESSION_TOUCH_MS } from './session-policy.ts';

/** A live session and its user. */
export interface SessionWithUser {
  readonly session: Session;
  readonly user: User;
}

const sessionWithUser = preparedQuery((db, p: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as s_id',
      'sessions.csrf_token as s_csrf',
      'sessions.created_at as s_created',
      'sessions.last_seen_at as s_seen',
      'sessions.expires_at as s_expires',
      'sessions.second_factor as s_second',
    ])
    .where('sessions.id', '=', p.id),
);

const touchSession = preparedQuery((db, p: { id: string; at: string }) => db.updateTable('sessions').set({ last_seen_at: p.at }).where('id', '=', p.id));

/**
 * Looks up the session a cookie token names; expired, idle or disabled-user sessions count as none.
 * @param deps database, clock
 * @param token the cookie value
 * @returns the session and user, or undefined
 */
export async function findSession(deps: Pick<WorkflowDeps, 'db' | 'clock'>, token: string): Promise<SessionWithUser | undefined> {
  if (!token || token.length > 100) return undefined;
  const id = sha256Hex(token);
  const row = (await sessionWithUser(deps.db, { id })).rows[0];
  if (!row) return undefined;
  const now = deps.clock();
  const seen = Date.parse(row.s_seen);
  if (row.disabled || Date.parse(row.s_expires) <= now.getTime() || seen + SESSION_IDLE_MS <= now.getTime()) return undefined;
  const session: Session = {
    id: row.s_id,
    user_id: row.id,
    csrf_token: row.s_csrf,
    created_at: row.s_created,
    last_seen_at: row.s_seen,
    expires_at: row.s_expires,
    second_factor: row.s_second,
  };
  if (now.getTime() - seen >= SESSION_TOUCH_MS) {
    session.last_seen_at = now.toISOString();
    await touchSession(deps.db, { id, at: session.last_seen_at });
  }
  const { s_id: _i, s_csrf: _c, s_created: _cr, s_seen: _s, s_expires: _e, s_second: _f, ...user } = row;
  return { session, user };
}
