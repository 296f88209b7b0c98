import type { Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes. Organisations become generic: a row is any
 * respondent of any round, known by its code (the key of a round's respondent table); what a
 * round says about it (region, size, units) is the round's data, not columns of the store. Which
 * rounds an organisation takes part in is a table of its own, so one organisation can report in
 * several rounds and a round's forms are served to its own respondents only.
 */

/** Renames the key column, drops the first round's attribute columns, adds round membership. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').renameColumn('kommunekode', 'code').execute();
  // One statement per column: SQLite drops one column at a time.
  for (const column of ['regionskode', 'regionsnavn', 'delt_ledelse']) {
    await db.schema.alterTable('organisations').dropColumn(column).execute();
  }
  await db.schema
    .createTable('round_respondents')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_respondents_pk', ['round_id', 'organisation_id'])
    .execute();
  await db.schema.createIndex('round_respondents_org').on('round_respondents').column('organisation_id').execute();
}

/** Restores the first round's columns (empty) and drops round membership. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_respondents').execute();
  await db.schema.alterTable('organisations').addColumn('regionskode', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('organisations').addColumn('regionsnavn', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('organisations').addColumn('delt_ledelse', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('organisations').renameColumn('code', 'kommunekode').execute();
}
