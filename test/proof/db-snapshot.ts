import { sql, type Kysely } from 'kysely';
import type { Database } from '../../engine/db/index.ts';

/**
 * Row counts and version totals of everything a request could write (sessions and failed logins
 * aside, which a refused login or a read may touch by design). Equal snapshots before and after a
 * refused request prove it changed nothing: every write also appends to the audit chain.
 * @param db the database
 * @returns the figures
 */
export async function dbSnapshot(db: Kysely<Database>): Promise<Record<string, number>> {
  const r = await sql<Record<string, number | string>>`
    select
      (select count(*) from submissions) as submissions,
      (select coalesce(sum(version), 0) from submissions) as version_sum,
      (select count(*) from submission_versions) as submission_versions,
      (select count(*) from users) as users,
      (select count(*) from extensions) as extensions,
      (select count(*) from contacts) as contacts,
      (select count(*) from units) as units,
      (select count(*) from organisations) as organisations,
      (select count(*) from audit_log) as audit_log,
      (select seq from audit_head where id = 1) as audit_seq`.execute(db);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}
