import type { Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes. Failed logins are counted by rate-limiter-flexible
 * in one table of keys (`<limiter>:<key>`), each with its points and when they expire (epoch ms);
 * the columns are the ones its PostgreSQL and SQLite stores read and write. The old list of failures
 * (one row per failure, counted by a read before the write) goes. Security events are audit
 * entries; the admin's page reads the latest of a few actions, which an index keeps quick.
 */

/** Creates the throttle table, drops the list of failed logins and indexes audit entries by action. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.dropTable('login_failures').execute();
  await db.schema.createIndex('audit_log_action_seq').on('audit_log').columns(['action', 'seq']).execute();
}

/** Restores the list of failed logins and drops the throttle table and the index. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_seq').execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();
  await db.schema.dropTable('login_throttle').execute();
}
