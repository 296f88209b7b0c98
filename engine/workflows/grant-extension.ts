import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { findForm } from './find-form.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/** An extension as stored. */
export interface ExtensionView {
  readonly roundId: string;
  readonly formName: string;
  readonly code: string;
  readonly until: string;
  readonly reason: string | null;
}

/**
 * Grants (or changes) an organisation's extension of a form's deadline to an inclusive date.
 * @param deps database, registry, clock
 * @param input round, form, organisation by code, the date and the acting admin
 * @returns the extension, or FORM_NOT_FOUND / ORGANISATION_NOT_FOUND / INVALID_INPUT
 */
export async function grantExtension(
  deps: WorkflowDeps,
  input: {
    readonly roundId: string;
    readonly formName: string;
    readonly code: string;
    readonly until: string;
    readonly reason?: string;
    readonly actorId: string;
  },
): Promise<{ ok: true; extension: ExtensionView } | Failure> {
  if (!findForm(deps.registry, input.roundId, input.formName)) {
    return fail('FORM_NOT_FOUND', { roundId: input.roundId, formName: input.formName });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.until) || Number.isNaN(Date.parse(`${input.until}T00:00:00Z`))) {
    return fail('INVALID_INPUT', { field: 'until' });
  }
  const reason = input.reason?.slice(0, 1000) ?? null;
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await trx.selectFrom('organisations').select('id').where('code', '=', input.code).executeTakeFirst();
    if (!org) return fail('ORGANISATION_NOT_FOUND', { code: input.code });
    const values = { until: input.until, reason, granted_by: input.actorId, granted_at: at };
    await trx
      .insertInto('extensions')
      .values({ id: newId(), round_id: input.roundId, form_name: input.formName, organisation_id: org.id, ...values })
      .onConflict((oc) => oc.columns(['round_id', 'form_name', 'organisation_id']).doUpdateSet(values))
      .execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'extension.granted',
      entity: 'organisation',
      entityId: org.id,
      data: { roundId: input.roundId, formName: input.formName, until: input.until },
    });
    return {
      ok: true as const,
      extension: { roundId: input.roundId, formName: input.formName, code: input.code, until: input.until, reason },
    };
  });
}
