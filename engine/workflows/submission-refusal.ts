import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { fail, type Failure } from './failure.ts';
import type { SubmissionWrite } from './write-submission.ts';

/**
 * Why a write of a submission found no row to write: looked up only on refusal, so the happy path
 * stays one statement.
 * @param db the database or transaction
 * @param w the refused write
 * @returns ALREADY_SUBMITTED or VERSION_CONFLICT
 */
export async function submissionRefusal(db: Kysely<Database>, w: SubmissionWrite): Promise<Failure> {
  const current = await db
    .selectFrom('submissions')
    .select(['status', 'version'])
    .where('round_id', '=', w.roundId)
    .where('form_name', '=', w.formName)
    .where('organisation_id', '=', w.organisationId)
    .executeTakeFirst();
  if (current && !w.from.includes(current.status)) return fail('ALREADY_SUBMITTED');
  return fail('VERSION_CONFLICT', { expected: w.ifMatch, current: current?.version ?? 0 });
}
