import type { Transaction } from 'kysely';
import { preparedQuery, type Database, type Submission, type SubmissionStatus } from '../db/index.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { submissionRefusal } from './submission-refusal.ts';
import { submissionUpdate, submissionUpdateParams, type SubmissionUpdateParams } from './submission-update.ts';

/** One write of a submission: its new content and the version the writer saw (0: none yet). */
export interface SubmissionWrite {
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
  readonly ifMatch: number;
  readonly status: SubmissionStatus;
  readonly answers: string;
  readonly schemaHash: string;
  readonly actorId: string;
  readonly at: string;
  /** Statuses the existing row may have; anything else is ALREADY_SUBMITTED. */
  readonly from: readonly SubmissionStatus[];
}

const updateSubmitted = preparedQuery((db, p: SubmissionUpdateParams) => submissionUpdate(db, p, true));
const updateDraft = preparedQuery((db, p: Omit<SubmissionUpdateParams, 'status'>) => submissionUpdate(db, p as SubmissionUpdateParams, false));

/**
 * Creates or updates a submission only if its version is still the one the writer saw; the
 * database keeps the new version in `submission_versions` (a trigger on the row, so a version is
 * never written without it). The version test is in the UPDATE's WHERE clause (and the insert's
 * unique key), so of two concurrent writers with the same version exactly one wins; the happy path
 * is one statement, the reason for a refusal is looked up only on refusal.
 * @param trx the open transaction
 * @param w the write
 * @returns the stored row, or VERSION_CONFLICT / ALREADY_SUBMITTED
 */
export async function writeSubmission(trx: Transaction<Database>, w: SubmissionWrite): Promise<Submission | Failure> {
  const submitted = w.status === 'submitted';
  let row: Submission | undefined;
  if (w.ifMatch === 0) {
    const fresh: Submission = {
      id: newId(),
      round_id: w.roundId,
      form_name: w.formName,
      organisation_id: w.organisationId,
      status: w.status,
      answers: w.answers,
      schema_hash: w.schemaHash,
      version: 1,
      created_at: w.at,
      updated_at: w.at,
      updated_by: w.actorId,
      submitted_at: submitted ? w.at : null,
      submitted_by: submitted ? w.actorId : null,
    };
    const r = await trx
      .insertInto('submissions')
      .values(fresh)
      .onConflict((oc) => oc.columns(['round_id', 'form_name', 'organisation_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) row = fresh;
  } else {
    if (w.from.length === 0) return fail('ALREADY_SUBMITTED');
    const { status, ...p } = submissionUpdateParams(w);
    row = (submitted ? await updateSubmitted(trx, { ...p, status }) : await updateDraft(trx, p)).rows[0];
  }
  if (!row) return submissionRefusal(trx, w);
  return row;
}
