import { sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes. Credentials sent to the municipalities' contact
 * persons, every mail the service sends (its own send log and queue), and contact-list imports
 * waiting for the ministry's decision. Only `text` and `integer`, as in the first migration.
 */

/** Creates the credential, mail and contact-import tables. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('respondent_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('used_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_reason', 'text')
    .addCheckConstraint('respondent_credentials_status', sql`status in ('active', 'used', 'replaced', 'revoked')`)
    .execute();
  await db.schema.createIndex('respondent_credentials_org').on('respondent_credentials').columns(['round_id', 'organisation_id']).execute();
  // At most one live credential per municipality and round: two send jobs racing cannot both issue one.
  await db.schema
    .createIndex('respondent_credentials_live')
    .on('respondent_credentials')
    .columns(['round_id', 'organisation_id'])
    .unique()
    .where(sql.ref('status'), 'in', ['active', 'used', 'revoked'])
    .execute();

  await db.schema
    .createTable('mails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.references('rounds.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('credential_id', 'text', (c) => c.references('respondent_credentials.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('transport', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addCheckConstraint('mails_kind', sql`kind in ('credentials', 'reminder')`)
    .addCheckConstraint('mails_status', sql`status in ('pending', 'sending', 'sent', 'failed', 'cancelled')`)
    .execute();
  await db.schema.createIndex('mails_status').on('mails').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('mails_org').on('mails').columns(['round_id', 'organisation_id']).execute();

  await db.schema
    .createTable('contact_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addCheckConstraint('contact_imports_status', sql`status in ('pending', 'imported', 'discarded')`)
    .execute();
}

/** Drops the tables again. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['contact_imports', 'mails', 'respondent_credentials']) await db.schema.dropTable(t).execute();
}
