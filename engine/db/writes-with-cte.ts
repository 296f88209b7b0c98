import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './types.ts';

/**
 * Whether the database runs several writes as one statement (a data-modifying WITH, atomic
 * without a transaction). PostgreSQL does, and there each statement saved is a round trip saved;
 * SQLite has none, and there a statement costs no round trip anyway.
 * @param db the database
 * @returns true on PostgreSQL
 */
export function writesWithCte(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
