import { sql, type Kysely } from 'kysely';
import type { Database } from '../../engine/db/index.ts';

/** Tables a refused request may still write by design: a failed login is counted, a read touches its session. */
const ALLOWED_TO_CHANGE = new Set(['sessions', 'login_throttle']);
/** A failed or refused login is a security event, audited by design; every other audit entry counts. */
const SECURITY = 'security.%';

const tableNames = new WeakMap<object, string[]>();

/**
 * Row counts of every table of the service (found in the database, so tables added later are
 * covered), plus the sums of submission versions and of the audit chains' tips. Equal snapshots before and
 * after a refused request prove it changed nothing.
 * @param db the database
 * @returns the figures by table
 */
export async function dbSnapshot(db: Kysely<Database>): Promise<Record<string, number>> {
  let names = tableNames.get(db);
  if (!names) {
    // SQLite lists its tables in sqlite_master; PostgreSQL has no such table and answers with an error.
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      .execute(db)
      .catch(() => sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db));
    names = rows.map((t) => t.name).filter((n) => !ALLOWED_TO_CHANGE.has(n)).sort();
    tableNames.set(db, names);
  }
  const counts = names.map((n) =>
    n === 'audit_log'
      ? sql<number>`(select count(*) from audit_log where action not like ${SECURITY})`.as(n)
      : n === 'audit_chains'
        ? // A security event may start a chain of its own (a failed login for an account no entry named yet).
          sql<number>`(select count(distinct chain) from audit_log where action not like ${SECURITY} and chain is not null)`.as(n)
        : sql<number>`(select count(*) from ${sql.table(n)})`.as(n),
  );
  const r = await sql<Record<string, number | string>>`
    select ${sql.join(counts)},
      (select coalesce(sum(version), 0) from submissions) as version_sum,
      (select coalesce(sum(seq), 0) from audit_chains) - (select count(*) from audit_log where action like ${SECURITY}) as audit_seq`.execute(db);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}
