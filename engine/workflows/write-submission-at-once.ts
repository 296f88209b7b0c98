import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { preparedQuery, type Database, type Submission } from '../db/index.ts';
import { auditChainOf } from './append-audit.ts';
import type { Failure } from './failure.ts';
import { submissionRefusal } from './submission-refusal.ts';
import { submissionUpdate, submissionUpdateParams, type SubmissionUpdateParams } from './submission-update.ts';
import type { SubmissionWrite } from './write-submission.ts';

type EntryParams = { action: string; data: string; chainPrefix: string };

// The update and the entry appended through `audit_append` (as appendAudit does) for the row it
// returns, in one data-modifying WITH. Parameters in a select list have no type to infer, hence the casts.
const updateWithEntry = (db: Kysely<Database>, p: SubmissionUpdateParams & EntryParams, submitted: boolean) =>
    db
      .with('w', (db) => submissionUpdate(db as Kysely<Database>, p, submitted))
      .with('entry', (db) =>
        db
          .insertInto('audit_append')
          .columns(['at', 'actor_id', 'action', 'entity', 'entity_id', 'data', 'chain'])
          .expression(
            db
              .selectFrom('w')
              .select([
                sql<string>`cast(${p.at} as text)`.as('at'),
                sql<string>`cast(${p.actorId} as text)`.as('actor_id'),
                sql<string>`cast(${p.action} as text)`.as('action'),
                sql<string>`'submission'`.as('entity'),
                'w.id',
                sql<string>`cast(${p.data} as text)`.as('data'),
                sql<string>`cast(${p.chainPrefix} as text) || w.id`.as('chain'),
              ]),
          ),
      )
      .selectFrom('w')
      .selectAll('w');
const submittedWithEntry = preparedQuery((db, p: SubmissionUpdateParams & EntryParams) => updateWithEntry(db, p, true));
const draftWithEntry = preparedQuery((db, p: Omit<SubmissionUpdateParams, 'status'> & EntryParams) => updateWithEntry(db, p as SubmissionUpdateParams & EntryParams, false));

/** The audit entry a write adds for its submission; `data` is stored as JSON text. */
export interface SubmissionEntry {
  readonly action: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Writes an existing submission and appends its audit entry (for the submission's actor and time)
 * in one statement, where the database can: on PostgreSQL a data-modifying WITH is atomic without a
 * transaction, so the write costs one round trip instead of four (begin, update, entry, commit).
 * SQLite has no writing WITH, and a first write inserts rather than updates; for those it writes
 * nothing and returns undefined, and the caller writes in a transaction (writeSubmission, appendAudit).
 * @param db the database (not a transaction: the statement is one of its own)
 * @param w the write
 * @param entry the audit entry; its data must not depend on the row beyond `w` (the new version is `w.ifMatch + 1`)
 * @returns the stored row, VERSION_CONFLICT / ALREADY_SUBMITTED, or undefined when not written
 */
export async function writeSubmissionAtOnce(db: Kysely<Database>, w: SubmissionWrite, entry: SubmissionEntry): Promise<Submission | Failure | undefined> {
  if (w.ifMatch === 0 || w.from.length === 0 || !(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { status, ...p } = submissionUpdateParams(w);
  const e = { action: entry.action, data: JSON.stringify(entry.data), chainPrefix: auditChainOf('submission', '') };
  const row = (w.status === 'submitted' ? await submittedWithEntry(db, { ...p, status, ...e }) : await draftWithEntry(db, { ...p, ...e })).rows[0];
  return row ?? submissionRefusal(db, w);
}
