import { appendAudit, findForm, sha256Hex } from '../workflows/index.ts';
import { writeSubmission } from '../workflows/write-submission.ts';
import { prefillAnswers, type PrefillKey } from './prefill-answers.ts';
import type { RoundsDeps } from './rounds-deps.ts';

/** Which draft to start, and for whom. */
export interface PrefillInput extends PrefillKey {
  /** The respondent (recorded as the draft's author). */
  readonly actorId: string;
}

/** What prefilling did: `prefilled` is false when there was nothing to do. */
export interface PrefillResult {
  readonly ok: true;
  readonly prefilled: boolean;
  /** Why nothing was done, for logs and tests. */
  readonly reason?: 'unknown-form' | 'already-started' | 'no-previous-round' | 'no-earlier-answer' | 'raced';
}

/**
 * Stores an organisation's draft started from last round's answers (see prefillAnswers) through
 * the same write as every draft (a version row, the audit log), with a prefill mark the form page
 * shows until the respondent confirms. Called when the respondent first saves or confirms, never
 * when a page is only viewed. Does nothing when a draft exists already, also from two instances
 * at once.
 * @param deps database, registry, clock
 * @param input round, form, organisation, respondent
 * @returns whether a draft was prefilled
 */
export async function prefillDraft(deps: RoundsDeps, input: PrefillInput): Promise<PrefillResult> {
  const found = findForm(deps.registry, input.roundId, input.formName);
  const start = await prefillAnswers(deps, input);
  if (!found || !start.prefilled) return { ok: true, prefilled: false, reason: start.prefilled ? 'unknown-form' : start.reason };
  const form = found.form;
  const text = JSON.stringify(start.answers);
  const at = deps.clock().toISOString();
  const done = await deps.db.transaction().execute(async (trx) => {
    const row = await writeSubmission(trx, {
      roundId: input.roundId,
      formName: input.formName,
      organisationId: input.organisationId,
      ifMatch: 0,
      status: 'draft',
      answers: text,
      schemaHash: form.hash,
      actorId: input.actorId,
      at,
      from: ['draft', 'reopened'],
    });
    // Someone saved (or prefilled) first: theirs stands.
    if ('ok' in row) return false;
    await trx
      .insertInto('prefills')
      .values({
        submission_id: row.id,
        round_id: input.roundId,
        form_name: input.formName,
        organisation_id: input.organisationId,
        from_round_id: start.fromRoundId,
        from_submission_id: start.fromSubmissionId,
        prefilled_at: at,
        confirmed_at: null,
        confirmed_by: null,
      })
      .execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'submission.prefilled',
      entity: 'submission',
      entityId: row.id,
      data: { version: row.version, fromRound: start.fromRoundId, fromSubmission: start.fromSubmissionId, answers: sha256Hex(text) },
    });
    return true;
  });
  if (!done) return { ok: true, prefilled: false, reason: 'raced' };
  return { ok: true, prefilled: true };
}
