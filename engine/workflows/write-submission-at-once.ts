import type { Kysely } from 'kysely';
import { preparedQuery, writesWithCte, type Database, type Submission } from '../db/index.ts';
import type { Failure } from './failure.ts';
import { submissionRefusal } from './submission-refusal.ts';
import { submissionUpdate, submissionUpdateParams, type SubmissionUpdateParams } from './submission-update.ts';
import { submissionEntryParams, withSubmissionEntry, type SubmissionEntry, type SubmissionEntryParams } from './with-submission-entry.ts';
import type { SubmissionWrite } from './write-submission.ts';

type Params = SubmissionUpdateParams & SubmissionEntryParams;

const submittedWithEntry = preparedQuery((db, p: Params) => withSubmissionEntry(db, submissionUpdate(db, p, true), p));
const draftWithEntry = preparedQuery((db, p: Omit<Params, 'status'>) => withSubmissionEntry(db, submissionUpdate(db, p as Params, false), p));

/**
 * Writes an existing submission and appends its audit entry (by the write's actor at its time) in
 * one statement, where the database can (see withSubmissionEntry). SQLite has no writing WITH, and
 * a first write inserts rather than updates; for those it writes nothing and returns undefined, and
 * the caller writes in a transaction (writeSubmission, appendAudit).
 * @param db the database (not a transaction: the statement is one of its own)
 * @param w the write
 * @param entry the audit entry
 * @returns the stored row, VERSION_CONFLICT / ALREADY_SUBMITTED, or undefined when not written
 */
export async function writeSubmissionAtOnce(db: Kysely<Database>, w: SubmissionWrite, entry: SubmissionEntry): Promise<Submission | Failure | undefined> {
  if (w.ifMatch === 0 || w.from.length === 0 || !writesWithCte(db)) return undefined;
  const { status, ...p } = submissionUpdateParams(w);
  const e = submissionEntryParams(w.at, w.actorId, entry);
  const row = (w.status === 'submitted' ? await submittedWithEntry(db, { ...p, status, ...e }) : await draftWithEntry(db, { ...p, ...e })).rows[0];
  return row ?? submissionRefusal(db, w);
}
