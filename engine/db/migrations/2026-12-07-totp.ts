import type { Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes. A second factor by TOTP (RFC 6238): one secret
 * per user, usable once confirmed by a code, with the last time step accepted so a code cannot be
 * used twice; one-time recovery codes stored as SHA-256 hashes. A session opened by a password
 * waits for the second factor (`second_factor` = 'code') or for an enrolment the role requires
 * ('enrol'); null means the session is fully signed in, as every session before this one was.
 */

/** Creates the TOTP and recovery-code tables and the sessions' pending second factor. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').columns(['user_id', 'code_hash']).execute();
  await db.schema.alterTable('sessions').addColumn('second_factor', 'text').execute();
}

/** Drops the TOTP and recovery-code tables and the sessions' column. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('second_factor').execute();
  await db.schema.dropTable('recovery_codes').execute();
  await db.schema.dropTable('user_totp').execute();
}
