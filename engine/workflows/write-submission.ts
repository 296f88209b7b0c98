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
  /** True when this process already saw the round opened (see opened-rounds.ts). */
  readonly roundKnownOpen: boolean;
}

/**
 * Creates or updates a submission only if its version is still the one the writer saw, and keeps
 * the new version in `submission_versions`. The version test is in the UPDATE's WHERE clause (and
 * the insert's unique key), so of two concurrent writers with the same version exactly one wins;
 * the happy path is one statement, the reason for a refusal is looked up only on refusal.
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
    // The version test sits in the WHERE clause: of two writers holding the same version, the
    // second finds no row (on PostgreSQL it waits for the first's row lock, then re-checks).
    row = await trx
      .updateTable('submissions')
      .set({
        // A draft save keeps the status (a reopened report stays "reopened" while it is edited, so
        // the ministry can see it was); a submit sets it.
        ...(submitted ? { status: w.status } : {}),
        answers: w.answers,
        schema_hash: w.schemaHash,
        version: w.ifMatch + 1,
        updated_at: w.at,
        updated_by: w.actorId,
        ...(submitted ? { submitted_at: w.at, submitted_by: w.actorId } : {}),
      })
      .where('round_id', '=', w.roundId)
      .where('form_name', '=', w.formName)
      .where('organisation_id', '=', w.organisationId)
      .where('version', '=', w.ifMatch)
      .where('status', 'in', w.from)
      .returningAll()
      .executeTakeFirst();
  }
  if (!row) {
    // Nothing written: find out why, for the caller's message.
    const current = await trx
      .selectFrom('submissions')
      .select(['status', 'version'])
      .where('round_id', '=', w.roundId)
      .where('form_name', '=', w.formName)
      .where('organisation_id', '=', w.organisationId)
      .executeTakeFirst();
    if (current && !w.from.includes(current.status)) return fail('ALREADY_SUBMITTED');
    return fail('VERSION_CONFLICT', { expected: w.ifMatch, current: current?.version ?? 0 });
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
  // The first saved answer opens the round: from then on its files are frozen by hash. Once seen
  // open a round stays open, so each process marks it only until it knows.
  if (!w.roundKnownOpen) {
    await trx.updateTable('rounds').set({ opened_at: w.at }).where('id', '=', w.roundId).where('opened_at', 'is', null).execute();
  }
  return row;
}
