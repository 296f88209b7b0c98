import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes.
 *
 * Two rows that every write kept in step from the service now follow in the database, in the same
 * statement, so a write is two statements shorter (each one a round trip on PostgreSQL):
 *
 * - A submission's insert, and every update that moves its version, keeps that version in
 *   `submission_versions` (saved at and by the row's `updated_at` / `updated_by`), so no version
 *   can be written without its row and versions have no gaps whatever writes them.
 * - An audit entry written at its chain's tip position (the tip's `seq`, which the writer moved on
 *   first under the tip's row lock) makes its hash the tip's hash. An entry inserted anywhere else
 *   (a restore of an old row) leaves the tip as it is.
 */

// The version's own id: a random UUID, as the service's ids are.
const SQLITE_UUID = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

const VERSION_COLUMNS = 'id, submission_id, version, status, answers, schema_hash, saved_at, saved_by';
const versionValues = (id: string) => `${id}, new.id, new.version, new.status, new.answers, new.schema_hash, new.updated_at, new.updated_by`;
const TIP = 'update audit_chains set hash = new.hash where chain = new.chain and seq = new.chain_seq';

/** Creates the triggers that keep submission versions and audit chain tips. */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function submission_keep_version() returns trigger language plpgsql as $$
        begin
          insert into submission_versions (${VERSION_COLUMNS}) values (${versionValues('gen_random_uuid()::text')});
          return null;
        end $$`,
      )
      .execute(db);
    await sql.raw('create trigger submissions_version_inserted after insert on submissions for each row execute function submission_keep_version()').execute(db);
    await sql
      .raw(
        'create trigger submissions_version_moved after update of version on submissions for each row when (new.version is distinct from old.version) execute function submission_keep_version()',
      )
      .execute(db);
    await sql
      .raw(
        `create function audit_entry_moves_tip() returns trigger language plpgsql as $$
        begin
          ${TIP};
          return null;
        end $$`,
      )
      .execute(db);
    await sql.raw('create trigger audit_log_tip after insert on audit_log for each row when (new.chain is not null) execute function audit_entry_moves_tip()').execute(db);
    return;
  }
  const keep = `insert into submission_versions (${VERSION_COLUMNS}) values (${versionValues(SQLITE_UUID)});`;
  await sql.raw(`create trigger submissions_version_inserted after insert on submissions begin ${keep} end`).execute(db);
  await sql.raw(`create trigger submissions_version_moved after update of version on submissions when new.version is not old.version begin ${keep} end`).execute(db);
  await sql.raw(`create trigger audit_log_tip after insert on audit_log when new.chain is not null begin ${TIP}; end`).execute(db);
}

/** Drops the triggers (and on PostgreSQL their functions). */
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const on = (table: string) => (pg ? ` on ${table}` : '');
  await sql.raw(`drop trigger audit_log_tip${on('audit_log')}`).execute(db);
  await sql.raw(`drop trigger submissions_version_moved${on('submissions')}`).execute(db);
  await sql.raw(`drop trigger submissions_version_inserted${on('submissions')}`).execute(db);
  if (pg) {
    await sql.raw('drop function audit_entry_moves_tip()').execute(db);
    await sql.raw('drop function submission_keep_version()').execute(db);
  }
}
