import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { SECURITY_EVENTS, type SecurityAction } from './security-event.ts';

// The index of entries by action leaves out submission entries (migration
// 2026-12-07-writes-security-index), and a database uses such a partial index only for a query
// that repeats its condition. Should a security action ever be a submission's, the condition would
// hide it, so then it is left out: the list stays whole, only slower.
const ACTIONS = Object.keys(SECURITY_EVENTS);
const INDEXED = ACTIONS.every((a) => !a.toLowerCase().startsWith('submission.'));

/** One security event as the admin reads it. */
export interface SecurityEventView {
  readonly seq: number;
  readonly at: string;
  readonly action: SecurityAction;
  /** The account: the e-mail tried or the user's. */
  readonly account: string;
  readonly ip: string;
  readonly userAgent: string;
}

/**
 * The latest security events from the audit log, newest first.
 * @param db the database
 * @param limit how many
 * @returns the events
 */
export async function listSecurityEvents(db: Kysely<Database>, limit = 200): Promise<SecurityEventView[]> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.seq', 'audit_log.at', 'audit_log.action', 'audit_log.data', 'users.email as actorEmail'])
    .where('audit_log.action', 'in', ACTIONS)
    .$if(INDEXED, (q) => q.where('audit_log.action', 'not like', sql.lit('submission.%')))
    .orderBy('audit_log.seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      seq: r.seq,
      at: r.at,
      action: r.action as SecurityAction,
      account: text(data.email) || (r.actorEmail ?? ''),
      ip: text(data.ip),
      userAgent: text(data.userAgent),
    };
  });
}
