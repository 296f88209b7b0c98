import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './types.ts';

/** The driver object under a kysely instance, for libraries that speak to it directly. */
export type StoreClient =
  | { readonly dialect: 'sqlite'; readonly sqlite: SQLite.Database }
  | { readonly dialect: 'postgres'; readonly pool: pg.Pool };

// Kept beside the kysely instance rather than on it, so every caller keeps passing one `db`.
const clients = new WeakMap<Kysely<Database>, StoreClient>();

/**
 * Records the driver object that `createDatabase` opened under a kysely instance.
 * @param db the kysely instance
 * @param client its SQLite connection or PostgreSQL pool
 */
export function registerStoreClient(db: Kysely<Database>, client: StoreClient): void {
  clients.set(db, client);
}

/**
 * The driver object under a kysely instance that `createDatabase` opened.
 * @param db the kysely instance
 * @returns its SQLite connection or PostgreSQL pool
 */
export function storeClientOf(db: Kysely<Database>): StoreClient {
  const client = clients.get(db);
  if (!client) throw new Error('the database was not opened by createDatabase');
  return client;
}
