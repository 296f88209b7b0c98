import { Router } from 'express';
import { confirmPrefill, prefillDraft } from '../../engine/rounds/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { formUrls } from '../pages/form-urls.ts';
import { pageRespondent, requireRespondentPage } from '../pages/page-user.ts';
import { roundsDeps } from './rounds-deps.ts';

/** The form action of the "prefilled from last year" banner. */
export const CONFIRM_PREFILL_PATH = '/indberetning/:roundId/:formName/bekraeft-forudfyldning';

/**
 * The address the banner's button posts to.
 * @param roundId the round
 * @param formName the form
 * @returns the path
 */
export function confirmPrefillUrl(roundId: string, formName: string): string {
  return `${formUrls(roundId, formName).start}/bekraeft-forudfyldning`;
}

/**
 * The respondent's confirmation that the answers carried over from last year have been checked;
 * only ever for the respondent's own organisation. Then back to the form.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createPrefillRoutes(deps: AppDeps): Router {
  const router = Router();
  const rd = roundsDeps(deps);
  router.post(CONFIRM_PREFILL_PATH, requireRespondentPage(deps), async (req, res) => {
    const who = pageRespondent(req);
    const roundId = String(req.params.roundId);
    const formName = String(req.params.formName);
    const urls = formUrls(roundId, formName);
    if (!deps.registry.form(roundId, formName)) return res.redirect(303, '/');
    const key = { roundId, formName, organisationId: who.organisation.id, actorId: who.user.id };
    let r = await confirmPrefill(rd, key);
    // Confirmed before anything was saved: the shown answers are stored now, then confirmed.
    if (!r.ok && (await prefillDraft(rd, key)).prefilled) r = await confirmPrefill(rd, key);
    res.redirect(303, r.ok ? `${urls.step(0)}?bekraeftet=1` : urls.step(0));
  });
  return router;
}
