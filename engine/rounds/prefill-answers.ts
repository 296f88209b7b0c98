import { carryOver } from '../carry-over.ts';
import { findForm } from '../workflows/index.ts';
import { forceOrganisation, isPlainObject } from '../workflows/force-organisation.ts';
import type { RoundsDeps } from './rounds-deps.ts';

/** Which form, for whom. */
export interface PrefillKey {
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
}

/** Last round's answers carried into this round's form, or why there are none. */
export type PrefillAnswers =
  | { readonly prefilled: true; readonly answers: unknown; readonly fromRoundId: string; readonly fromSubmissionId: string }
  | { readonly prefilled: false; readonly reason: 'unknown-form' | 'already-started' | 'no-previous-round' | 'no-earlier-answer' };

/**
 * What an organisation's new draft starts from: its last submitted answers of the previous round,
 * carried over through `x-lineage`, recomputed by the new form's `prepare`, the organisation's code
 * forced. Reads only, so a form page can show them without writing anything.
 * @param deps database, registry
 * @param key round, form, organisation
 * @returns the answers and where they came from, or why there are none
 */
export async function prefillAnswers(deps: Pick<RoundsDeps, 'db' | 'registry'>, key: PrefillKey): Promise<PrefillAnswers> {
  const found = findForm(deps.registry, key.roundId, key.formName);
  if (!found) return { prefilled: false, reason: 'unknown-form' };
  const previous = deps.registry.previous(key.roundId);
  if (!previous?.forms.has(key.formName)) return { prefilled: false, reason: 'no-previous-round' };
  const started = await deps.db
    .selectFrom('submissions')
    .select('id')
    .where('round_id', '=', key.roundId)
    .where('form_name', '=', key.formName)
    .where('organisation_id', '=', key.organisationId)
    .executeTakeFirst();
  if (started) return { prefilled: false, reason: 'already-started' };
  // The last submitted version, also when the report was reopened afterwards and not sent again.
  const earlier = await deps.db
    .selectFrom('submission_versions as v')
    .innerJoin('submissions as s', 's.id', 'v.submission_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.id', 'v.answers', 'o.code'])
    .where('s.round_id', '=', previous.id)
    .where('s.form_name', '=', key.formName)
    .where('s.organisation_id', '=', key.organisationId)
    .where('v.status', '=', 'submitted')
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!earlier) return { prefilled: false, reason: 'no-earlier-answer' };
  const form = found.form;
  const carried = forceOrganisation(carryOver(JSON.parse(earlier.answers) as unknown, form.schema), earlier.code, form.schema);
  const prepared = form.prepare(carried);
  const answers = isPlainObject(prepared) ? forceOrganisation(prepared, earlier.code, form.schema) : carried;
  return { prefilled: true, answers, fromRoundId: previous.id, fromSubmissionId: earlier.id };
}
