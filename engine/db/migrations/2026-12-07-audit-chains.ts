import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Frozen: once released, this file never changes.
 *
 * The audit log becomes many chains, one per audited thing (`entity/entity_id`), so writers to
 * different things never wait for one shared row; each chain's tip lives in `audit_chains`, and
 * `audit_checkpoints` seals the tips that moved since the previous checkpoint into one chain of its
 * own. Entries written before this migration keep `chain` null and stay the one chain they were,
 * ending at `audit_head`, which nothing updates any more.
 *
 * Rounds freeze their contract (what answers are validated against) instead of their files, so
 * they get the contract's hash, a version that every accepted change of their files increments,
 * and a row per version.
 */

/** Adds the chain columns, the chain tips, the checkpoints and the round versions. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('chain', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('chain_seq', 'integer').execute();
  await db.schema.createIndex('audit_log_chain_seq').on('audit_log').columns(['chain', 'chain_seq']).unique().execute();

  await db.schema
    .createTable('audit_chains')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('sealed_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    // JSON text: [[chain, seq, hash], …] of the tips that moved since the previous checkpoint.
    .addColumn('heads', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  // PostgreSQL hands out the global order from a sequence, which never waits for another
  // transaction; SQLite has one writer at a time and reads the next number from the table itself.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ next: number | string }>`select coalesce(max(seq), 0) + 1 as next from audit_log`.execute(db);
    const next = Number(rows[0]?.next ?? 1);
    await sql`create sequence audit_log_seq start with ${sql.lit(next)}`.execute(db);
  }

  await db.schema.alterTable('rounds').addColumn('contract_hash', 'text').execute();
  await db.schema.alterTable('rounds').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema
    .createTable('round_versions')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('contract_hash', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_versions_pk', ['round_id', 'version'])
    .execute();
}

/** Drops what `up` added. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_versions').execute();
  await db.schema.alterTable('rounds').dropColumn('version').execute();
  await db.schema.alterTable('rounds').dropColumn('contract_hash').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop sequence audit_log_seq`.execute(db);
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('audit_chains').execute();
  await db.schema.dropIndex('audit_log_chain_seq').execute();
  await db.schema.alterTable('audit_log').dropColumn('chain_seq').execute();
  await db.schema.alterTable('audit_log').dropColumn('chain').execute();
}
