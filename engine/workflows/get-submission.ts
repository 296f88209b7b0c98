import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';

/**
 * Reads an organisation's submission of a form.
 * @param db the database
 * @param key round, form, organisation
 * @returns the submission, or undefined when nothing has been saved
 */
export async function getOwnSubmission(
  db: Kysely<Database>,
  key: { readonly roundId: string; readonly formName: string; readonly organisationId: string },
): Promise<SubmissionView | undefined> {
  const row = await db
    .selectFrom('submissions')
    .selectAll()
    .where('round_id', '=', key.roundId)
    .where('form_name', '=', key.formName)
    .where('organisation_id', '=', key.organisationId)
    .executeTakeFirst();
  return row ? toSubmissionView(row) : undefined;
}

/**
 * Reads a submission by id (callers check who may see it).
 * @param db the database
 * @param id the submission id
 * @returns the submission, or undefined
 */
export async function getSubmissionById(db: Kysely<Database>, id: string): Promise<SubmissionView | undefined> {
  const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubmissionView(row) : undefined;
}
