import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/*
 * Frozen: once released, this file never changes. Rounds the ministry creates and edits in the
 * admin pages live in the database (so every instance of the service sees the same drafts), file
 * by file; publishing freezes one by its content hash. Prefilled drafts are marked until the
 * respondent confirms them. Only `text` and `integer`, as in the first migration.
 */

/** Creates the stored-round, stored-round-file and prefill tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('based_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // Optimistic concurrency over the round's files: every edit increments it.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('hash', 'text')
    // The browser's precompiled validators of a published round, one ES module.
    .addColumn('validators', 'text')
    .addCheckConstraint('stored_rounds_status', sql`status in ('draft', 'published')`)
    .execute();

  await db.schema
    .createTable('stored_round_files')
    .addColumn('round_id', 'text', (c) => c.notNull().references('stored_rounds.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('stored_round_files_pk', ['round_id', 'name'])
    .execute();

  await db.schema
    .createTable('prefills')
    .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('form_name', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('from_round_id', 'text', (c) => c.notNull())
    .addColumn('from_submission_id', 'text', (c) => c.notNull())
    .addColumn('prefilled_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('prefills_round_form_org', ['round_id', 'form_name', 'organisation_id'])
    .execute();
}

/** Drops the tables again. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['prefills', 'stored_round_files', 'stored_rounds']) await db.schema.dropTable(t).execute();
}
