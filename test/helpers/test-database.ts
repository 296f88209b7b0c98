import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDatabase, type Database, type DialectName } from '../../engine/db/index.ts';

/** The dialects this run covers: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const DIALECTS: readonly DialectName[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A database of its own for one suite, removed by `destroy`. */
export interface TestDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** What `createDatabase` was given, so a second handle (another "process") can open the same data. */
  readonly options: { readonly url?: string; readonly dataDir?: string };
  destroy(): Promise<void>;
}

/**
 * Opens a fresh database: a new SQLite file in a temporary folder, or a new PostgreSQL schema in
 * the DATABASE_URL database (selected through the connection's search_path).
 * @param dialect which back end
 * @param opts `migrate: false` leaves it empty
 * @returns the handle
 */
export async function openTestDatabase(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let options: { url?: string; dataDir?: string };
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-test-'));
    options = { dataDir };
    cleanup = () => rm(dataDir, { recursive: true, force: true });
  } else {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('DATABASE_URL is not set');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = createDatabase({ url: base, poolSize: 1 });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    await admin.destroy();
    const u = new URL(base);
    u.searchParams.set('options', `-c search_path=${schema}`);
    options = { url: u.toString() };
    cleanup = async () => {
      const a = createDatabase({ url: base, poolSize: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(a.db);
      await a.destroy();
    };
  }
  const handle = createDatabase(options);
  if (opts.migrate !== false) {
    const m = await handle.migrate();
    if (!m.ok) throw new Error(`migration failed: ${m.error}`);
  }
  return {
    db: handle.db,
    dialect,
    options,
    async destroy() {
      await handle.destroy();
      await cleanup();
    },
  };
}

/** A suite's database, available inside tests (after beforeAll ran). */
export interface TestDatabaseRef {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly handle: TestDatabase;
}

/**
 * Registers beforeAll/afterAll hooks that open a fresh migrated database for the current suite.
 * @param dialect which back end
 * @returns a reference whose `db` is set once the suite starts
 */
export function useTestDatabase(dialect: DialectName): TestDatabaseRef {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await current?.destroy();
  });
  const get = () => {
    if (!current) throw new Error('test database used outside a test');
    return current;
  };
  return {
    get db() {
      return get().db;
    },
    get dialect() {
      return dialect;
    },
    get handle() {
      return get();
    },
  };
}

/**
 * Declares the same suite once per dialect, each with its own fresh database.
 * @param title suite title; the dialect is appended
 * @param body declares the tests, given the database reference
 * @example
 * forEachDialect('submissions', (t) => {
 *   it('stores', async () => { await t.db.selectFrom('submissions').selectAll().execute(); });
 * });
 */
export function forEachDialect(title: string, body: (t: TestDatabaseRef, dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      body(useTestDatabase(dialect), dialect);
    });
  }
}
