import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type pg from 'pg';
import type { Database } from './types.ts';
import { auditEntryHash } from './audit-entry-hash.ts';
import { migrateToLatest, type MigrateOutcome } from './migrate-to-latest.ts';
import { registerStoreClient } from './store-client.ts';

/*
 * The one module that names a dialect. Everything else talks to `Kysely<Database>` and relies on
 * both back ends storing the same shapes: text, integers as JS numbers, JSON and times as text.
 */

/** The back ends the service runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Where the database lives; both fields usually come from the environment. */
export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; absent or empty selects SQLite. */
  readonly url?: string;
  /** Folder of the SQLite file (default `./data`). */
  readonly dataDir?: string;
  /** Largest PostgreSQL pool (default 10). */
  readonly poolSize?: number;
  /** How often SQLite's log is copied into the file, off the event loop (default 500 ms). */
  readonly checkpointMs?: number;
  /**
   * Open only a SQLite file that exists (readers such as `report render`): a missing file is a
   * {@link NoDatabaseError}, and neither the folder nor an empty file is left behind.
   */
  readonly existing?: boolean;
}

/** An open database. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** SQLite file path, when the dialect is SQLite. */
  readonly file?: string;
  /** Applies pending migrations (on PostgreSQL, bookkeeping in the connection's current schema). */
  migrate(): Promise<MigrateOutcome>;
  /**
   * Runs `fn` while no other process sharing the database runs one under the same name: instances
   * of a cluster started at once migrate and seed one after the other instead of inserting the
   * same rows side by side. On PostgreSQL a session advisory lock per schema and name; SQLite's
   * file is served by one process, so there it just runs.
   */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  destroy(): Promise<void>;
}

/** Thrown for a `DATABASE_URL` that names neither back end: a configuration error at start-up. */
export class DatabaseUrlError extends Error {}

/** There is no database to read: the SQLite file does not exist. The message is Danish. */
export class NoDatabaseError extends Error {}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * The PostgreSQL driver, loaded when a PostgreSQL database is opened: a service on SQLite starts
 * without it (its module checks the runtime at load, which pulls in Node's fetch implementation).
 */
let pgModule: typeof pg | undefined;
function loadPg(): typeof pg {
  pgModule ??= createRequire(import.meta.url)('pg') as typeof pg;
  return pgModule;
}

/** pg returns 64-bit integers and numerics as strings; counts and sums here fit in a double. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
    return loadPg().types.getTypeParser(oid, format);
  },
};

/** How many distinct SQL texts keep a prepared statement (per SQLite database, per PostgreSQL pool). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * kysely prepares every query afresh, and preparing costs as much as running a small statement.
 * The service issues a few dozen distinct SQL texts, so keeping their statements (least recently
 * used dropped first) halves the database's CPU time. Kysely runs one query at a time on this
 * single connection, so a statement is never busy when it is reused.
 */
function cachingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * kysely sends every PostgreSQL query unnamed, so the server parses and plans it each time. Naming
 * the parameterised reads and writes (a name per SQL text) lets each connection parse and plan them
 * once; statements without parameters (DDL of migrations, begin, commit) stay unnamed, so a
 * migration never meets a plan cached before it. Distinct texts beyond the cache's size run unnamed.
 */
function namingStatements(pool: pg.Pool): { connect(): Promise<pg.PoolClient>; end(): Promise<void> } {
  const names = new Map<string, string>();
  const named = new WeakSet<pg.PoolClient>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < STATEMENT_CACHE_SIZE && /^\s*(select|insert|update|delete|with)\b/i.test(text)) {
      name = `indberet_${createHash('sha1').update(text).digest('hex')}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      if (!named.has(client)) {
        named.add(client);
        const query = client.query.bind(client) as (config: unknown, ...rest: unknown[]) => Promise<pg.QueryResult>;
        // pg.Pool#query (rate-limiter-flexible's store uses it) passes a callback after the values.
        client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) => {
          const name = typeof config === 'string' && Array.isArray(values) && values.length > 0 ? nameOf(config) : undefined;
          return name === undefined ? query(config, values, ...rest) : query({ name, text: config, values }, ...rest);
        }) as typeof client.query;
      }
      return client;
    },
    end: () => pool.end(),
  };
}

/**
 * Opens the SQLite file or the PostgreSQL pool the options point at.
 * @param options url and data folder
 * @returns the kysely instance, the dialect's name and a destroy function
 * @example
 * const { db, destroy } = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR });
 */
export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  const url = options.url?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new (loadPg().Pool)({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
    // An idle connection that the server drops (restart, failover) emits 'error' on the pool; the
    // pool discards it and the next query connects anew, so it must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }) });
    registerStoreClient(db, { dialect: 'postgres', pool });
    const migrate = async () => {
      const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      return migrateToLatest(db, { tableSchema: r.rows[0]!.schema });
    };
    const exclusively = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      // Held on a connection of its own, outside the pool kysely draws from for `fn`'s queries;
      // should this process die, the server ends the session and the lock with it.
      const client = await pool.connect();
      const key = 'select hashtext(current_schema() || $1::text) as key';
      try {
        const { rows } = await client.query<{ key: number }>(key, [`indberet:${name}`]);
        await client.query('select pg_advisory_lock($1)', [rows[0]!.key]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [rows[0]!.key]);
        }
      } finally {
        client.release();
      }
    };
    return Object.freeze({ db, dialect: 'postgres' as const, migrate, exclusively, destroy: () => db.destroy() });
  }
  if (url) throw new DatabaseUrlError(`DATABASE_URL skal begynde med postgres:// (fik "${url.split(':')[0]}:…")`);
  const dir = options.dataDir ?? './data';
  const file = path.join(dir, 'indberet.sqlite');
  if (!options.existing) mkdirSync(dir, { recursive: true });
  else if (!existsSync(file)) throw new NoDatabaseError(`Der er ingen data: databasen ${file} findes ikke.`);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL with NORMAL sync survives a process crash; only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  registerAuditEntryHash(sqlite);
  const stopCheckpoints = checkpointInBackground(sqlite, file, options.checkpointMs ?? 500);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  registerStoreClient(db, { dialect: 'sqlite', sqlite });
  const destroy = async () => {
    await stopCheckpoints();
    await db.destroy();
  };
  return Object.freeze({ db, dialect: 'sqlite' as const, file, migrate: () => migrateToLatest(db), exclusively: <T>(_name: string, fn: () => Promise<T>) => fn(), destroy });
}

/**
 * SQLite has no SHA-256, so the audit log's trigger (migration `2026-12-07-writes-audit`) calls the
 * service's own entry hash, which the verifier checks against, through a function of the connection.
 * @param sqlite the connection
 */
function registerAuditEntryHash(sqlite: SQLite.Database): void {
  sqlite.function(
    'audit_entry_hash',
    { deterministic: true },
    (prev_hash: string, chain: string, chain_seq: number, seq: number, at: string, actor_id: string | null, action: string, entity: string, entity_id: string, data: string) =>
      auditEntryHash(prev_hash, { chain, chain_seq, seq, at, actor_id, action, entity, entity_id, data }),
  );
}

// Runs in the checkpoint thread (CommonJS, as worker code given as text is).
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});
`;

/**
 * SQLite copies its write-ahead log back into the database file (a checkpoint) inside whichever
 * commit crosses 1000 pages, and that commit waits for the copy and its fsync on the event loop,
 * so every request in flight waits with it. A thread with a connection of its own checkpoints
 * instead, passively (it never blocks a writer), every `everyMs`. Should the thread fail, the
 * service's connection goes back to checkpointing itself.
 * @param sqlite the service's connection
 * @param file the database file
 * @param everyMs the interval
 * @returns a function that stops the thread after a last checkpoint
 */
function checkpointInBackground(sqlite: SQLite.Database, file: string, everyMs: number): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let alive = true;
  const fallBack = () => {
    if (!alive) return;
    alive = false;
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  worker.once('error', fallBack);
  worker.once('exit', fallBack);
  return async () => {
    if (!alive) return;
    alive = false;
    const stopped = new Promise<void>((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.postMessage('stop');
    await stopped;
  };
}
