import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes.
 *
 * A submission's versions are known by the submission and the version number, as every reader
 * finds them; the random `id` each version also had was read by nothing, yet cost every write an
 * index of its own, at a random position. The pair becomes the primary key and the id goes, so a
 * version is written to two B-trees instead of three on SQLite and one index instead of two on
 * PostgreSQL. The triggers of 2026-12-07-write-triggers write the new shape.
 *
 * On SQLite the table keeps its rowid, so rows are appended at its end: as a WITHOUT ROWID table
 * keyed by the pair, its rows (answers and all, far above the twentieth of a page such a table is
 * made for) would sit at each submission's random place and split full pages there, which wrote
 * more pages per commit than the two B-trees do.
 */

const COLUMNS = 'submission_id, version, status, answers, schema_hash, saved_at, saved_by';
const KEEP = `insert into submission_versions (${COLUMNS}) values (new.id, new.version, new.status, new.answers, new.schema_hash, new.updated_at, new.updated_by)`;

// What `down` restores: the random id as 2026-12-07-write-triggers made it.
const SQLITE_UUID = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;
const OLD_COLUMNS = `id, ${COLUMNS}`;
const oldKeep = (id: string) => `insert into submission_versions (${OLD_COLUMNS}) values (${id}, new.id, new.version, new.status, new.answers, new.schema_hash, new.updated_at, new.updated_by)`;

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** SQLite's triggers that keep a submission's versions, around `keep` (one insert statement). */
async function createSqliteTriggers(db: Kysely<any>, keep: string): Promise<void> {
  await sql.raw(`create trigger submissions_version_inserted after insert on submissions begin ${keep}; end`).execute(db);
  await sql.raw(`create trigger submissions_version_moved after update of version on submissions when new.version is not old.version begin ${keep}; end`).execute(db);
}

async function dropSqliteTriggers(db: Kysely<any>): Promise<void> {
  await sql.raw('drop trigger submissions_version_moved').execute(db);
  await sql.raw('drop trigger submissions_version_inserted').execute(db);
}

async function replacePostgresFunction(db: Kysely<any>, keep: string): Promise<void> {
  await sql
    .raw(
      `create or replace function submission_keep_version() returns trigger language plpgsql as $$
      begin
        ${keep};
        return null;
      end $$`,
    )
    .execute(db);
}

/** Keys versions by (submission_id, version) and drops their id. */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Dropping the column drops its primary key; the unique pair becomes the key in its place.
    await sql.raw('alter table submission_versions drop column id').execute(db);
    await sql.raw('alter table submission_versions drop constraint submission_versions_sub_version').execute(db);
    await sql.raw('alter table submission_versions add constraint submission_versions_pk primary key (submission_id, version)').execute(db);
    await replacePostgresFunction(db, KEEP);
    return;
  }
  // SQLite changes no table's key in place: a new table takes the rows, then the old one's name.
  await dropSqliteTriggers(db);
  await sql
    .raw(
      `create table submission_versions_keyed (
        submission_id text not null references submissions (id),
        version integer not null,
        status text not null,
        answers text not null,
        schema_hash text not null,
        saved_at text not null,
        saved_by text references users (id),
        constraint submission_versions_pk primary key (submission_id, version)
      )`,
    )
    .execute(db);
  await sql.raw(`insert into submission_versions_keyed (${COLUMNS}) select ${COLUMNS} from submission_versions`).execute(db);
  await sql.raw('drop table submission_versions').execute(db);
  await sql.raw('alter table submission_versions_keyed rename to submission_versions').execute(db);
  await createSqliteTriggers(db, KEEP);
}

/** Gives every version a new random id as its key again, the pair unique beside it. */
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await replacePostgresFunction(db, oldKeep('gen_random_uuid()::text'));
    await sql.raw('alter table submission_versions add column id text').execute(db);
    await sql.raw('update submission_versions set id = gen_random_uuid()::text').execute(db);
    await sql.raw('alter table submission_versions drop constraint submission_versions_pk').execute(db);
    await sql.raw('alter table submission_versions add constraint submission_versions_pkey primary key (id)').execute(db);
    await sql.raw('alter table submission_versions add constraint submission_versions_sub_version unique (submission_id, version)').execute(db);
    return;
  }
  await dropSqliteTriggers(db);
  await sql
    .raw(
      `create table submission_versions_by_id (
        id text primary key,
        submission_id text not null references submissions (id),
        version integer not null,
        status text not null,
        answers text not null,
        schema_hash text not null,
        saved_at text not null,
        saved_by text references users (id),
        constraint submission_versions_sub_version unique (submission_id, version)
      )`,
    )
    .execute(db);
  await sql.raw(`insert into submission_versions_by_id (${OLD_COLUMNS}) select ${SQLITE_UUID}, ${COLUMNS} from submission_versions`).execute(db);
  await sql.raw('drop table submission_versions').execute(db);
  await sql.raw('alter table submission_versions_by_id rename to submission_versions').execute(db);
  await createSqliteTriggers(db, oldKeep(SQLITE_UUID));
}
