import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** A submitted report as reports read it. */
export interface SubmittedReport {
  readonly organisationId: string;
  readonly code: string;
  readonly submittedAt: string;
  readonly version: number;
  /** The engine's validated value: computed fields filled, inapplicable sections dropped. */
  readonly answers: unknown;
}

/**
 * Lists the submitted reports of a form (status `submitted` only; drafts and reopened ones are
 * left out), by code.
 * @param db the database
 * @param roundId the round, e.g. `2024`
 * @param formName the form's name
 * @returns the reports with parsed answers
 * @example
 * const reports = await listSubmitted(db, '2024', formName);
 */
export async function listSubmitted(db: Kysely<Database>, roundId: string, formName: string): Promise<SubmittedReport[]> {
  const rows = await db
    .selectFrom('submissions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.organisation_id', 'o.code', 's.submitted_at', 's.version', 's.answers'])
    .where('s.round_id', '=', roundId)
    .where('s.form_name', '=', formName)
    .where('s.status', '=', 'submitted')
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    code: r.code,
    submittedAt: r.submitted_at ?? '',
    version: r.version,
    answers: JSON.parse(r.answers) as unknown,
  }));
}
