import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes.
 *
 * An audit entry is appended by one statement, an insert into the view `audit_append`, instead of
 * two (move the chain's tip on, then insert the entry with a hash worked out in the service), so
 * every audited write is one round trip shorter on PostgreSQL. The view's trigger does what the
 * service did, in the same order: it moves the tip on (or starts the chain) under the tip's row
 * lock, which hands it the previous hash, takes the global position (after the lock, so a chain's
 * entries keep their global order), and inserts the entry; the trigger of
 * `2026-12-07-write-triggers` then makes the entry's hash the tip's.
 *
 * The hash is `audit_entry_hash(prev_hash, chain, chain_seq, seq, at, actor_id, action, entity,
 * entity_id, data)`, byte for byte the service's `auditEntryHash` (SHA-256 hex of the JSON array of
 * those fields, as `JSON.stringify` writes it), which still verifies every entry. On PostgreSQL it
 * is the SQL function below; SQLite has no SHA-256 of its own, so there the service registers the
 * function (calling `auditEntryHash`) on every connection it opens. Inserting into the view from a
 * connection without it (the sqlite3 shell) fails; `audit_log` itself stays as it was.
 */

// The hash of a chain's start: GENESIS_HASH of engine/db/audit-hash.ts.
const GENESIS = `'${'0'.repeat(64)}'`;

// `JSON.stringify` of one field: to_json escapes text as JSON.stringify does (`"`, `\`, control
// characters as \b \f \n \r \t or \u00xx in lower case, everything else as is) and writes
// integers in decimal; a null is `null`. The function is declared stable, as to_json is, so that
// PostgreSQL inlines it into the trigger's cached plan instead of planning its body on every call.
const json = (field: string) => `coalesce(to_json(${field})::text, 'null')`;
const HASHED = ['prev_hash', 'chain', 'chain_seq', 'seq', 'at', 'actor_id', 'action', 'entity', 'entity_id', 'data'];

const INPUT = 'at, actor_id, action, entity, entity_id, data, chain';
const ENTRY = 'seq, at, actor_id, action, entity, entity_id, data, prev_hash, hash, chain, chain_seq';
// No alias on the upsert's table: SQLite checks every trigger again when a later migration renames
// a table, and that check cannot resolve an alias of an upsert's target ("no such column: tip.seq").
const BUMP = `insert into audit_chains (chain, seq, hash, sealed_seq) values (new.chain, 1, ${GENESIS}, 0)
  on conflict (chain) do update set seq = audit_chains.seq + 1`;
const entryValues = (seq: string, tip: string) =>
  `${seq}, new.at, new.actor_id, new.action, new.entity, new.entity_id, new.data, ${tip}.hash,
  audit_entry_hash(${tip}.hash, new.chain, ${tip}.seq, ${seq}, new.at, new.actor_id, new.action, new.entity, new.entity_id, new.data),
  new.chain, ${tip}.seq`;

/** Creates the view that appends audit entries, its trigger and (on PostgreSQL) the hash function. */
export async function up(db: Kysely<any>): Promise<void> {
  // Reading the view lists what was appended through it (or before it, by the service).
  await sql.raw(`create view audit_append as select ${INPUT} from audit_log where chain is not null`).execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function audit_entry_hash(prev_hash text, chain text, chain_seq bigint, seq bigint, at text, actor_id text,
          action text, entity text, entity_id text, data text) returns text
        language sql stable parallel safe as $$
          select encode(sha256(convert_to('[' || ${HASHED.map(json).join(` || ',' || `)} || ']', 'UTF8')), 'hex')
        $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create function audit_append_entry() returns trigger language plpgsql as $$
        declare
          moved record;
          next_seq bigint;
        begin
          ${BUMP} returning audit_chains.seq, audit_chains.hash into moved;
          next_seq := nextval('audit_log_seq');
          insert into audit_log (${ENTRY}) values (${entryValues('next_seq', 'moved')});
          return new;
        end $$`,
      )
      .execute(db);
    await sql.raw('create trigger audit_append_entry instead of insert on audit_append for each row execute function audit_append_entry()').execute(db);
    return;
  }
  // SQLite lets one writer in at a time, so the largest stored position plus one is free.
  await sql
    .raw(
      `create trigger audit_append_entry instead of insert on audit_append begin
        ${BUMP};
        insert into audit_log (${ENTRY})
          select ${entryValues('g.seq', 'tip')}
          from audit_chains tip, (select coalesce(max(seq), 0) + 1 as seq from audit_log) g where tip.chain = new.chain;
      end`,
    )
    .execute(db);
}

/** Drops the view, its trigger and the functions. */
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql.raw(`drop trigger audit_append_entry${pg ? ' on audit_append' : ''}`).execute(db);
  await sql.raw('drop view audit_append').execute(db);
  if (pg) {
    await sql.raw('drop function audit_append_entry()').execute(db);
    await sql.raw('drop function audit_entry_hash(text, text, bigint, bigint, text, text, text, text, text, text)').execute(db);
  }
}
