import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

/** What a migration run did, or the error that stopped it. */
export type MigrateOutcome =
  | { readonly ok: true; readonly applied: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly applied: readonly string[] };

/**
 * Applies every pending migration, each in its own transaction.
 * @param db any kysely instance on the target database
 * @param options `tableSchema`: the schema holding kysely's bookkeeping tables. Needed on
 *   PostgreSQL when several schemas share a database: without it kysely looks for its tables in
 *   every schema, finds another schema's and skips creating its own. DatabaseHandle.migrate sets it.
 * @returns the names applied, or the error
 */
export async function migrateToLatest(db: Kysely<any>, options: { tableSchema?: string } = {}): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(options.tableSchema ? { migrationTableSchema: options.tableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error) return { ok: false, error: error instanceof Error ? error.message : String(error), applied };
  return { ok: true, applied };
}
