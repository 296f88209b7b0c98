import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';

/**
 * Reopens a submitted report so its organisation can change and submit it again.
 * @param deps database, clock
 * @param input the submission, the acting admin, and optionally the version the admin saw
 * @returns the reopened report, or SUBMISSION_NOT_FOUND / NOT_SUBMITTED / VERSION_CONFLICT
 */
export async function reopen(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly submissionId: string; readonly actorId: string; readonly ifMatch?: number; readonly reason?: string },
): Promise<{ ok: true; submission: SubmissionView } | Failure> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const cur = await trx.selectFrom('submissions').selectAll().where('id', '=', input.submissionId).executeTakeFirst();
    if (!cur) return fail('SUBMISSION_NOT_FOUND');
    if (cur.status !== 'submitted') return fail('NOT_SUBMITTED');
    if (input.ifMatch !== undefined && input.ifMatch !== cur.version) {
      return fail('VERSION_CONFLICT', { expected: input.ifMatch, current: cur.version });
    }
    const row = { ...cur, status: 'reopened' as const, version: cur.version + 1, updated_at: at, updated_by: input.actorId };
    const r = await trx
      .updateTable('submissions')
      .set({ status: row.status, version: row.version, updated_at: at, updated_by: input.actorId })
      .where('id', '=', cur.id)
      .where('version', '=', cur.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return fail('VERSION_CONFLICT', { expected: cur.version, current: cur.version + 1 });
    await trx
      .insertInto('submission_versions')
      .values({
        id: newId(),
        submission_id: cur.id,
        version: row.version,
        status: row.status,
        answers: row.answers,
        schema_hash: row.schema_hash,
        saved_at: at,
        saved_by: input.actorId,
      })
      .execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'submission.reopened',
      entity: 'submission',
      entityId: cur.id,
      data: { version: row.version, ...(input.reason ? { reason: input.reason } : {}) },
    });
    return { ok: true as const, submission: toSubmissionView(row) };
  });
}
