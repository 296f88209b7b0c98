import type { Kysely } from 'kysely';
import type { Database, SubmissionStatus } from '../db/index.ts';

/** One organisation's standing for a form: its status ('missing' when nothing is saved). */
export interface SubmissionStatusRow {
  readonly organisationId: string;
  readonly code: string;
  readonly navn: string;
  readonly status: SubmissionStatus | 'missing';
  readonly submissionId: string | null;
  readonly version: number;
  readonly updatedAt: string | null;
  readonly submittedAt: string | null;
  readonly extendedUntil: string | null;
}

/**
 * Lists every respondent of the round with its submission status for a form, for the ministry's overview.
 * @param db the database
 * @param roundId the round
 * @param formName the form
 * @returns one row per organisation, by code
 */
export async function listSubmissions(db: Kysely<Database>, roundId: string, formName: string): Promise<SubmissionStatusRow[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .innerJoin('round_respondents as rr', (j) => j.onRef('rr.organisation_id', '=', 'o.id').on('rr.round_id', '=', roundId))
    .leftJoin('submissions as s', (j) =>
      j.onRef('s.organisation_id', '=', 'o.id').on('s.round_id', '=', roundId).on('s.form_name', '=', formName),
    )
    .leftJoin('extensions as e', (j) =>
      j.onRef('e.organisation_id', '=', 'o.id').on('e.round_id', '=', roundId).on('e.form_name', '=', formName),
    )
    .select([
      'o.id as organisationId',
      'o.code',
      'o.navn',
      's.id as submissionId',
      's.status',
      's.version',
      's.updated_at as updatedAt',
      's.submitted_at as submittedAt',
      'e.until as extendedUntil',
    ])
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisationId,
    code: r.code,
    navn: r.navn,
    status: r.status ?? 'missing',
    submissionId: r.submissionId,
    version: r.version ?? 0,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
    extendedUntil: r.extendedUntil,
  }));
}
