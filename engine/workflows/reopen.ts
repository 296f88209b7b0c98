import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { preparedQuery } from '../db/index.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';

const reopenAny = preparedQuery((db, p: { id: string; at: string; actorId: string }) =>
  db
    .updateTable('submissions')
    .set((eb) => ({ status: 'reopened' as const, version: eb('version', '+', 1), updated_at: p.at, updated_by: p.actorId }))
    .where('id', '=', p.id)
    .where('status', '=', 'submitted')
    .returningAll(),
);

const reopenVersion = preparedQuery((db, p: { id: string; at: string; actorId: string; ifMatch: number }) =>
  db
    .updateTable('submissions')
    .set((eb) => ({ status: 'reopened' as const, version: eb('version', '+', 1), updated_at: p.at, updated_by: p.actorId }))
    .where('id', '=', p.id)
    .where('status', '=', 'submitted')
    .where('version', '=', p.ifMatch)
    .returningAll(),
);

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
  return inTransaction(deps.db, async (trx) => {
    const p = { id: input.submissionId, at, actorId: input.actorId };
    const row = (input.ifMatch === undefined ? await reopenAny(trx, p) : await reopenVersion(trx, { ...p, ifMatch: input.ifMatch })).rows[0];
    if (!row) {
      // Nothing written: find out why, for the caller's message.
      const cur = await trx.selectFrom('submissions').select(['status', 'version']).where('id', '=', input.submissionId).executeTakeFirst();
      if (!cur) return fail('SUBMISSION_NOT_FOUND');
      if (cur.status !== 'submitted') return fail('NOT_SUBMITTED');
      return fail('VERSION_CONFLICT', { expected: input.ifMatch ?? cur.version, current: cur.version });
    }
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'submission.reopened',
      entity: 'submission',
      entityId: row.id,
      data: { version: row.version, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return { ok: true as const, submission: toSubmissionView(row), answersText: row.answers };
  });
}
