import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Kysely } from 'kysely';
import { storeClientOf } from './store-client.ts';
import type { Database } from './types.ts';

/** The table every limiter shares (created by the 2026-12-07 migration), told apart by key prefix. */
export const RATE_LIMIT_TABLE = 'login_throttle';

/** A limiter's name and limits, in rate-limiter-flexible's terms. */
export interface RateLimiterOptions {
  readonly keyPrefix: string;
  readonly points: number;
  /** Seconds a key's count lives from its first point. */
  readonly duration: number;
  /** Seconds a key stays refused once over its points (0: until its duration ends). */
  readonly blockDuration?: number;
}

/**
 * A rate-limiter-flexible limiter over the service's own database: its PostgreSQL store on
 * PostgreSQL (one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per point, so every instance sharing
 * the database counts the same key atomically) and its SQLite store on SQLite (the same single
 * statement on the service's connection; SQLite's file lock makes it atomic across processes).
 * Expired rows are left to `pruneExpired`, so no limiter keeps a timer.
 * @param db a kysely instance opened by createDatabase
 * @param options prefix and limits
 * @returns the limiter
 */
export function createRateLimiter(db: Kysely<Database>, options: RateLimiterOptions): RateLimiterAbstract {
  const client = storeClientOf(db);
  const common = { ...options, tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false };
  if (client.dialect === 'postgres') return new RateLimiterPostgres({ ...common, storeClient: client.pool, storeType: 'pool' });
  // Shares kysely's one connection: a point counted while another request's transaction is open
  // commits with that transaction (and would be lost with its rollback, which no login write causes).
  return new RateLimiterSQLite({ ...common, storeClient: client.sqlite, storeType: 'better-sqlite3' });
}
