/** Storage: the one place that opens SQLite or PostgreSQL, the table types and the migrations. */
export { createDatabase, DatabaseUrlError, NoDatabaseError, type DatabaseHandle, type DatabaseOptions, type DialectName } from './create-database.ts';
export { migrateToLatest, type MigrateOutcome } from './migrate-to-latest.ts';
export { MIGRATIONS } from './migrations/index.ts';
export type * from './types.ts';
export { preparedQuery, type PreparedQuery } from './prepared-query.ts';
export { storeClientOf, type StoreClient } from './store-client.ts';
export { createRateLimiter, RATE_LIMIT_TABLE, type RateLimiterOptions } from './create-rate-limiter.ts';
export { writesWithCte } from './writes-with-cte.ts';
export { auditHash, GENESIS_HASH, type AuditFields } from './audit-hash.ts';
export { auditEntryHash, type ChainedAuditFields } from './audit-entry-hash.ts';
