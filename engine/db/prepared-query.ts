import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './types.ts';

/** A query built once and run with fresh parameter values, on a database or inside a transaction. */
export type PreparedQuery<P, R> = (executor: Kysely<Database>, params: P) => Promise<QueryResult<R>>;

// Parameter placeholders: strings no caller can send, so a compiled query's parameters that equal
// one are known to stand for that named value, and every other parameter is a constant of the query.
const MARK = '\u0000indberet-param:';

/**
 * Compiles a query once per dialect and afterwards only swaps its parameter values. Building a
 * query through kysely's builder costs more CPU than SQLite spends running it, so the hot paths
 * (session lookup, submit, reopen, audit) build theirs once. The builder receives placeholders
 * in place of the parameters; they may only be used as values (never in `in` lists of varying
 * length, never as identifiers), which the first run checks.
 * @param build builds the query from the database and the named parameters
 * @returns a function running the query with given values on a database or transaction
 * @example
 * const byId = preparedQuery((db, p: { id: string }) => db.selectFrom('users').selectAll().where('id', '=', p.id));
 * const { rows } = await byId(db, { id });
 */
export function preparedQuery<P extends Record<string, unknown>, R>(build: (db: Kysely<Database>, params: P) => Compilable<R>): PreparedQuery<P, R> {
  // Keyed by the dialect's adapter, which a database shares with all its transactions.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: ReadonlyArray<string | undefined> }>();
  const placeholders = new Proxy({} as P, { get: (_t, name) => `${MARK}${String(name)}` });
  return (executor, params) => {
    const adapter = executor.getExecutor().adapter;
    let c = compiled.get(adapter);
    if (!c) {
      const query = build(executor, placeholders).compile();
      const slots = query.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? v.slice(MARK.length) : undefined));
      const named = new Set(slots.filter((s) => s !== undefined));
      for (const k of Object.keys(params)) {
        if (!named.has(k)) throw new Error(`preparedQuery: parameter ${k} is not a plain value of the query`);
      }
      c = Object.freeze({ query, slots });
      compiled.set(adapter, c);
    }
    const { query, slots } = c;
    const parameters = query.parameters.map((v, i) => {
      const slot = slots[i];
      return slot === undefined ? v : params[slot];
    });
    return executor.executeQuery<R>({ ...query, parameters });
  };
}
