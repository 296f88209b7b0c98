import { sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes.
 *
 * The index of audit entries by action (2026-12-07-login-security) serves the admin's list of
 * security events only, yet every save, submit and reopen wrote an entry into it. It now leaves
 * out the submission entries, by far the most written, so those writes keep one B-tree less; the
 * list's query repeats the condition, which is what lets SQLite and PostgreSQL use a partial index.
 */

/** Makes the index of audit entries by action leave out submission entries. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index audit_log_action_seq').execute(db);
  await sql.raw(`create index audit_log_action_seq on audit_log (action, seq) where action not like 'submission.%'`).execute(db);
}

/** Indexes every entry by action again. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop index audit_log_action_seq').execute(db);
  await sql.raw('create index audit_log_action_seq on audit_log (action, seq)').execute(db);
}
