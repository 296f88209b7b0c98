import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** One granted extension of a form's deadline. */
export interface ExtensionRow {
  readonly formName: string;
  readonly until: string;
  readonly reason: string | null;
  readonly grantedAt: string;
}

/**
 * The extensions granted to one organisation in a round, by form.
 * @param db the database
 * @param roundId the round
 * @param organisationId the organisation
 * @returns its extensions, by form name
 */
export async function listExtensions(db: Kysely<Database>, roundId: string, organisationId: string): Promise<ExtensionRow[]> {
  const rows = await db
    .selectFrom('extensions')
    .select(['form_name', 'until', 'reason', 'granted_at'])
    .where('round_id', '=', roundId)
    .where('organisation_id', '=', organisationId)
    .orderBy('form_name')
    .execute();
  return rows.map((r) => ({ formName: r.form_name, until: r.until, reason: r.reason, grantedAt: r.granted_at }));
}
