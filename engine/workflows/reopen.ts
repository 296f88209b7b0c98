import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import type { Kysely } from 'kysely';
import { preparedQuery, writesWithCte, type Database } from '../db/index.ts';
import { submissionEntryParams, withSubmissionEntry, type SubmissionEntryParams } from './with-submission-entry.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';

type Params = { id: string; at: string; actorId: string };

const update = (db: Kysely<Database>, p: Params) =>
  db
    .updateTable('submissions')
    .set((eb) => ({ status: 'reopened' as const, version: eb('version', '+', 1), updated_at: p.at, updated_by: p.actorId }))
    .where('id', '=', p.id)
    .where('status', '=', 'submitted');
const reopenAny = preparedQuery((db, p: Params) => update(db, p).returningAll());
const reopenVersion = preparedQuery((db, p: Params & { ifMatch: number }) => update(db, p).where('version', '=', p.ifMatch).returningAll());
// With the audit entry, in one statement (PostgreSQL).
const reopenAnyWithEntry = preparedQuery((db, p: Params & SubmissionEntryParams) => withSubmissionEntry(db, update(db, p).returningAll(), p));
const reopenVersionWithEntry = preparedQuery((db, p: Params & SubmissionEntryParams & { ifMatch: number }) =>
  withSubmissionEntry(db, update(db, p).where('version', '=', p.ifMatch).returningAll(), p),
);

/** Why nothing was reopened, for the caller's message. */
async function refusal(db: Kysely<Database>, id: string, ifMatch: number | undefined): Promise<Failure> {
  const cur = await db.selectFrom('submissions').select(['status', 'version']).where('id', '=', id).executeTakeFirst();
  if (!cur) return fail('SUBMISSION_NOT_FOUND');
  if (cur.status !== 'submitted') return fail('NOT_SUBMITTED');
  return fail('VERSION_CONFLICT', { expected: ifMatch ?? cur.version, current: cur.version });
}

/**
 * Reopens a submitted report so its organisation can change and submit it again.
 * @param deps database, clock
 * @param input the submission, the acting admin, and optionally the version the admin saw
 * @returns the reopened report and the JSON text of its answers as stored, or SUBMISSION_NOT_FOUND / NOT_SUBMITTED / VERSION_CONFLICT
 */
export async function reopen(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly submissionId: string; readonly actorId: string; readonly ifMatch?: number; readonly reason?: string },
): Promise<{ ok: true; submission: SubmissionView; answersText: string } | Failure> {
  const at = deps.clock().toISOString();
  const p = { id: input.submissionId, at, actorId: input.actorId };
  const entry = { action: 'submission.reopened', data: { version: 0, ...(input.reason ? { reason: input.reason } : {}) } };
  if (writesWithCte(deps.db)) {
    const e = { ...p, ...submissionEntryParams(at, input.actorId, entry) };
    const row = (input.ifMatch === undefined ? await reopenAnyWithEntry(deps.db, e) : await reopenVersionWithEntry(deps.db, { ...e, ifMatch: input.ifMatch })).rows[0];
    if (!row) return refusal(deps.db, input.submissionId, input.ifMatch);
    return { ok: true as const, submission: toSubmissionView(row), answersText: row.answers };
  }
  return inTransaction(deps.db, async (trx) => {
    const row = (input.ifMatch === undefined ? await reopenAny(trx, p) : await reopenVersion(trx, { ...p, ifMatch: input.ifMatch })).rows[0];
    if (!row) return refusal(trx, input.submissionId, input.ifMatch);
    await appendAudit(trx, { at, actorId: input.actorId, entity: 'submission', entityId: row.id, action: entry.action, data: { ...entry.data, version: row.version } });
    return { ok: true as const, submission: toSubmissionView(row), answersText: row.answers };
  });
}
