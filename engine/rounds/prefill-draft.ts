import { carryOver } from '../carry-over.ts';
import { appendAudit, findForm, sha256Hex } from '../workflows/index.ts';
import { forceOrganisation, isPlainObject } from '../workflows/force-organisation.ts';
import { isKnownOpen, rememberOpen } from '../workflows/opened-rounds.ts';
import { writeSubmission } from '../workflows/write-submission.ts';
import type { RoundsDeps } from './rounds-deps.ts';

/** Which draft to start, and for whom. */
export interface PrefillInput {
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
  /** The respondent opening the form (recorded as the draft's author). */
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
 * Starts an organisation's draft from its last submitted answers of the previous round: carried
 * over through `x-lineage`, recomputed by the new form's `prepare`, the organisation's code forced,
 * and stored through the same write as every draft (a version row, the audit log, the round marked
 * opened), with a prefill mark the form page shows until the respondent confirms. Does nothing when
 * a draft exists already, so calling it on every visit is safe, also from two instances at once.
 * @param deps database, registry, clock
 * @param input round, form, organisation, respondent
 * @returns whether a draft was prefilled
 */
export async function prefillDraft(deps: RoundsDeps, input: PrefillInput): Promise<PrefillResult> {
  const found = findForm(deps.registry, input.roundId, input.formName);
  if (!found) return { ok: true, prefilled: false, reason: 'unknown-form' };
  const started = await deps.db
    .selectFrom('submissions')
    .select('id')
    .where('round_id', '=', input.roundId)
    .where('form_name', '=', input.formName)
    .where('organisation_id', '=', input.organisationId)
    .executeTakeFirst();
  if (started) return { ok: true, prefilled: false, reason: 'already-started' };
  const previous = deps.registry.previous(input.roundId);
  if (!previous?.forms.has(input.formName)) return { ok: true, prefilled: false, reason: 'no-previous-round' };
  // The last submitted version, also when the report was reopened afterwards and not sent again.
  const earlier = await deps.db
    .selectFrom('submission_versions as v')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 'v.answers', 'o.code'])
    .where('s.round_id', '=', previous.id)
    .where('s.form_name', '=', input.formName)
    .where('s.organisation_id', '=', input.organisationId)
    .where('v.status', '=', 'submitted')
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!earlier) return { ok: true, prefilled: false, reason: 'no-earlier-answer' };

  const form = found.form;
  const carried = forceOrganisation(carryOver(JSON.parse(earlier.answers) as unknown, form.schema), earlier.code, form.schema);
  const prepared = form.prepare(carried);
  const answers = isPlainObject(prepared) ? forceOrganisation(prepared, earlier.code, form.schema) : carried;
  const text = JSON.stringify(answers);
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
      roundKnownOpen: isKnownOpen(deps.db, input.roundId),
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
        from_round_id: previous.id,
        from_submission_id: earlier.id,
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
      data: { version: row.version, fromRound: previous.id, fromSubmission: earlier.id, answers: sha256Hex(text) },
    });
    return true;
  });
  if (!done) return { ok: true, prefilled: false, reason: 'raced' };
  rememberOpen(deps.db, input.roundId);
  return { ok: true, prefilled: true };
}
