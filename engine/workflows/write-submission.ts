import type { Transaction } from 'kysely';
import type { Database, Submission, SubmissionStatus } from '../db/index.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';

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

/**
 * Creates or updates a submission only if its version is still the one the writer saw, and keeps
 * the new version in `submission_versions`. The version test is in the UPDATE's WHERE clause (and
 * the insert's unique key), so of two concurrent writers with the same version exactly one wins.
 * @param trx the open transaction
 * @param w the write
 * @returns the stored row, or VERSION_CONFLICT / ALREADY_SUBMITTED
 */
export async function writeSubmission(trx: Transaction<Database>, w: SubmissionWrite): Promise<Submission | Failure> {
  const submitted = w.status === 'submitted';
  const current = await trx
    .selectFrom('submissions')
    .selectAll()
    .where('round_id', '=', w.roundId)
    .where('form_name', '=', w.formName)
    .where('organisation_id', '=', w.organisationId)
    .executeTakeFirst();
  let row: Submission;
  if (!current) {
    if (w.ifMatch !== 0) return fail('VERSION_CONFLICT', { expected: w.ifMatch, current: 0 });
    row = {
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
      .values(row)
      .onConflict((oc) => oc.columns(['round_id', 'form_name', 'organisation_id']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return fail('VERSION_CONFLICT', { expected: 0, current: 1 });
  } else {
    if (!w.from.includes(current.status)) return fail('ALREADY_SUBMITTED');
    if (current.version !== w.ifMatch) return fail('VERSION_CONFLICT', { expected: w.ifMatch, current: current.version });
    row = {
      ...current,
      // A reopened report stays "reopened" while it is edited, so the ministry can see it was.
      status: w.status === 'draft' && current.status === 'reopened' ? 'reopened' : w.status,
      answers: w.answers,
      schema_hash: w.schemaHash,
      version: current.version + 1,
      updated_at: w.at,
      updated_by: w.actorId,
      submitted_at: submitted ? w.at : current.submitted_at,
      submitted_by: submitted ? w.actorId : current.submitted_by,
    };
    const r = await trx
      .updateTable('submissions')
      .set({
        status: row.status,
        answers: row.answers,
        schema_hash: row.schema_hash,
        version: row.version,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
        submitted_at: row.submitted_at,
        submitted_by: row.submitted_by,
      })
      .where('id', '=', current.id)
      .where('version', '=', w.ifMatch)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return fail('VERSION_CONFLICT', { expected: w.ifMatch, current: w.ifMatch + 1 });
  }
  await trx
    .insertInto('submission_versions')
    .values({
      id: newId(),
      submission_id: row.id,
      version: row.version,
      status: row.status,
      answers: row.answers,
      schema_hash: row.schema_hash,
      saved_at: w.at,
      saved_by: w.actorId,
    })
    .execute();
  // The first saved answer opens the round: from then on its files are frozen by hash.
  await trx.updateTable('rounds').set({ opened_at: w.at }).where('id', '=', w.roundId).where('opened_at', 'is', null).execute();
  return row;
}
