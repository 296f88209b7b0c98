import type { Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes. A round's publication (the memo, the table and
 * their downloads, as published at one moment) lives in the database, so every instance of the
 * service serves the same snapshot. Only `text` and `integer`, as in the first migration: file
 * contents are base64 text.
 */

/** Creates the publication and publication-file tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('round_id', 'text', (c) => c.primaryKey().references('rounds.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    // The manifest (what, when, by whom, the round's hash) and the whole table, as JSON text.
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('table_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('publication_files')
    .addColumn('round_id', 'text', (c) => c.notNull().references('publications.round_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_files_pk', ['round_id', 'name'])
    .execute();
}

/** Drops both tables. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_files').execute();
  await db.schema.dropTable('publications').execute();
}
