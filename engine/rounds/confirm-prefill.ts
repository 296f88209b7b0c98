import type { Kysely } from 'kysely';
import type { Database, Prefill } from '../db/index.ts';
import { appendAudit } from '../workflows/index.ts';
import type { RoundsDeps } from './rounds-deps.ts';
import { roundsFail, type RoundsFailure } from './rounds-failure.ts';

/** The key of an organisation's draft of a form. */
export interface DraftKey {
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
}

/**
 * The prefill mark of an organisation's draft, if it was started from last year's answers.
 * @param db the database
 * @param key round, form, organisation
 * @returns the mark, or undefined
 */
export async function findPrefill(db: Kysely<Database>, key: DraftKey): Promise<Prefill | undefined> {
  return db
    .selectFrom('prefills')
    .selectAll()
    .where('round_id', '=', key.roundId)
    .where('form_name', '=', key.formName)
    .where('organisation_id', '=', key.organisationId)
    .executeTakeFirst();
}

/**
 * Records that the respondent has checked the answers carried over from last year. Confirming
 * twice is harmless (the first confirmation stands).
 * @param deps database, clock
 * @param input the draft and who confirms
 * @returns ok, or PREFILL_NOT_FOUND when the draft was not prefilled
 */
export async function confirmPrefill(deps: RoundsDeps, input: DraftKey & { readonly actorId: string }): Promise<{ ok: true; confirmedAt: string } | RoundsFailure> {
  const at = deps.clock().toISOString();
  const r = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('prefills')
      .set({ confirmed_at: at, confirmed_by: input.actorId })
      .where('round_id', '=', input.roundId)
      .where('form_name', '=', input.formName)
      .where('organisation_id', '=', input.organisationId)
      .where('confirmed_at', 'is', null)
      .returning(['submission_id'])
      .executeTakeFirst();
    if (updated) {
      await appendAudit(trx, { at, actorId: input.actorId, action: 'submission.prefill_confirmed', entity: 'submission', entityId: updated.submission_id });
      return at;
    }
    const row = await trx
      .selectFrom('prefills')
      .select('confirmed_at')
      .where('round_id', '=', input.roundId)
      .where('form_name', '=', input.formName)
      .where('organisation_id', '=', input.organisationId)
      .executeTakeFirst();
    return row?.confirmed_at ?? undefined;
  });
  return r ? { ok: true, confirmedAt: r } : roundsFail('PREFILL_NOT_FOUND');
}
