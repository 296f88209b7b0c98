import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './types.ts';

/**
 * The audit log's next global position, as an expression for a writing statement. PostgreSQL takes
 * it from a sequence, which no transaction waits for; SQLite lets one writer in at a time, so the
 * largest stored position plus one is free for the statement's transaction.
 * @param db the database or transaction the statement runs on
 * @returns the SQL expression
 */
export function nextAuditSeq(db: Kysely<Database>): RawBuilder<number> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<number>`nextval('audit_log_seq')`
    : sql<number>`(select coalesce(max(seq), 0) + 1 from audit_log)`;
}
