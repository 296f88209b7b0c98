import type { Kysely } from 'kysely';
import type { Database, SubmissionStatus } from '../db/index.ts';
import type { SubmissionWrite } from './write-submission.ts';

/** The values of an update of an existing submission, as prepared queries take them. */
export type SubmissionUpdateParams = {
  roundId: string;
  formName: string;
  organisationId: string;
  ifMatch: number;
  version: number;
  status: SubmissionStatus;
  answers: string;
  schemaHash: string;
  at: string;
  actorId: string;
  // The statuses the row may have, padded to three by repeating one.
  from0: SubmissionStatus;
  from1: SubmissionStatus;
  from2: SubmissionStatus;
};

/**
 * The update a write of an existing submission makes, returning the row. A submit sets the status
 * and the submission time; a draft save keeps the status (a reopened report stays "reopened" while
 * it is edited, so the ministry can see it was). The version test sits in the WHERE clause: of two
 * writers holding the same version, the second finds no row (on PostgreSQL it waits for the first's
 * row lock, then re-checks).
 * @param db the database or transaction
 * @param p the values (placeholders when prepared)
 * @param submitted whether the write is a submit
 * @returns the query
 */
export function submissionUpdate(db: Kysely<Database>, p: SubmissionUpdateParams, submitted: boolean) {
  const set = { answers: p.answers, schema_hash: p.schemaHash, version: p.version, updated_at: p.at, updated_by: p.actorId };
  return db
    .updateTable('submissions')
    .set(submitted ? { ...set, status: p.status, submitted_at: p.at, submitted_by: p.actorId } : set)
    .where('round_id', '=', p.roundId)
    .where('form_name', '=', p.formName)
    .where('organisation_id', '=', p.organisationId)
    .where('version', '=', p.ifMatch)
    .where('status', 'in', [p.from0, p.from1, p.from2])
    .returningAll();
}

/**
 * The update's values for a write of an existing submission (ifMatch above 0).
 * @param w the write
 * @returns the values
 */
export function submissionUpdateParams(w: SubmissionWrite): SubmissionUpdateParams {
  const first = w.from[0];
  if (first === undefined) throw new Error('writeSubmission: from names no status');
  if (w.from.length > 3) throw new Error('writeSubmission: at most three statuses in from');
  return {
    roundId: w.roundId,
    formName: w.formName,
    organisationId: w.organisationId,
    ifMatch: w.ifMatch,
    version: w.ifMatch + 1,
    status: w.status,
    answers: w.answers,
    schemaHash: w.schemaHash,
    at: w.at,
    actorId: w.actorId,
    from0: first,
    from1: w.from[1] ?? first,
    from2: w.from[2] ?? first,
  };
}
