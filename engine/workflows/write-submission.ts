import type { Transaction } from 'kysely';
import { preparedQuery, type Database, type Submission, type SubmissionStatus } from '../db/index.ts';
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

type UpdateParams = {
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

// A submit sets the status and the submission time; a draft save keeps the status (a reopened
// report stays "reopened" while it is edited, so the ministry can see it was).
const updateSubmitted = preparedQuery((db, p: UpdateParams) =>
  db
    .updateTable('submissions')
    .set({
      status: p.status,
      answers: p.answers,
      schema_hash: p.schemaHash,
      version: p.version,
      updated_at: p.at,
      updated_by: p.actorId,
      submitted_at: p.at,
      submitted_by: p.actorId,
    })
    .where('round_id', '=', p.roundId)
    .where('form_name', '=', p.formName)
    .where('organisation_id', '=', p.organisationId)
    .where('version', '=', p.ifMatch)
    .where('status', 'in', [p.from0, p.from1, p.from2])
    .returningAll(),
);

const updateDraft = preparedQuery((db, p: Omit<UpdateParams, 'status'>) =>
  db
    .updateTable('submissions')
    .set({ answers: p.answers, schema_hash: p.schemaHash, version: p.version, updated_at: p.at, updated_by: p.actorId })
    .where('round_id', '=', p.roundId)
    .where('form_name', '=', p.formName)
    .where('organisation_id', '=', p.organisationId)
    .where('version', '=', p.ifMatch)
    .where('status', 'in', [p.from0, p.from1, p.from2])
    .returningAll(),
);

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
    // The version test sits in the WHERE clause: of two writers holding the same version, the
    // second finds no row (on PostgreSQL it waits for the first's row lock, then re-checks).
    const first = w.from[0];
    if (first === undefined) return fail('ALREADY_SUBMITTED');
    const p = {
      roundId: w.roundId,
      formName: w.formName,
      organisationId: w.organisationId,
      ifMatch: w.ifMatch,
      version: w.ifMatch + 1,
      answers: w.answers,
      schemaHash: w.schemaHash,
      at: w.at,
      actorId: w.actorId,
      from0: first,
      from1: w.from[1] ?? first,
      from2: w.from[2] ?? first,
    };
    if (w.from.length > 3) throw new Error('writeSubmission: at most three statuses in from');
    row = (submitted ? await updateSubmitted(trx, { ...p, status: w.status }) : await updateDraft(trx, p)).rows[0];
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
  return row;
}
