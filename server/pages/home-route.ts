import { Router } from 'express';
import { createElement } from 'react';
import { effectiveDeadline, findForm, getOwnSubmission } from '../../engine/workflows/index.ts';
import { respondentsOf } from '../../engine/index.ts';
import { formatDate, formatDateTime, HomePage, type HomeForm, type HomeRound } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser } from '../auth/index.ts';
import { formUrls } from './form-urls.ts';
import { pageRespondent, requireRespondentPage } from './page-user.ts';
import { sendPage } from './send-page.ts';

/**
 * The respondent's home: every round it takes part in, with each form's deadline, status and next action.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createHomeRoute(deps: AppDeps): Router {
  const router = Router();
  // Ministry staff have no report of their own: the front page takes them to their work instead.
  router.get('/', (req, res, next) => {
    const user = currentUser(req);
    if (user?.role === 'admin' && !user.must_change_password) return res.redirect(303, '/admin');
    const round = deps.registry.current();
    if (user?.role === 'analyst' && !user.must_change_password && round) return res.redirect(303, `/rapporter/${encodeURIComponent(round.id)}`);
    next();
  });

  router.get('/', requireRespondentPage(deps), async (req, res) => {
    const who = pageRespondent(req);
    const now = (deps.clock ?? (() => new Date()))();
    const memberOf = new Set(
      (await deps.db.selectFrom('round_respondents').select('round_id').where('organisation_id', '=', who.organisation.id).execute()).map((r) => r.round_id),
    );
    // Newest first: the registry lists rounds in id order.
    const rounds: HomeRound[] = [];
    for (const round of [...deps.registry.rounds].reverse()) {
      if (!memberOf.has(round.id)) continue;
      const tz = String(round.settings.tidszone ?? 'Europe/Copenhagen');
      const forms: HomeForm[] = [];
      for (const info of round.formList) {
        const found = findForm(deps.registry, round.id, info.name)!;
        const [sub, deadline] = await Promise.all([
          getOwnSubmission(deps.db, { roundId: round.id, formName: info.name, organisationId: who.organisation.id }),
          effectiveDeadline(deps.db, found, who.organisation.id),
        ]);
        const urls = formUrls(round.id, info.name);
        const closed = !!deadline.closesAt && now.getTime() >= deadline.closesAt.getTime();
        const frist = deadline.extendedUntil ?? deadline.frist;
        const base = { title: info.title, frist: frist ? `${formatDate(frist)}${deadline.extendedUntil ? ' (forlænget)' : ''}` : null, closed };
        if (!sub) forms.push({ ...base, status: 'ikke-startet', detail: '', href: urls.start, action: 'Start indberetning' });
        else if (sub.status === 'submitted')
          forms.push({ ...base, status: 'indsendt', detail: sub.submittedAt ? formatDateTime(sub.submittedAt, tz) : '', href: urls.receipt, action: 'Se kvittering' });
        else
          forms.push({
            ...base,
            status: sub.status === 'reopened' ? 'genaabnet' : 'kladde',
            detail: `Senest gemt ${formatDateTime(sub.updatedAt, tz)}`,
            href: urls.start,
            action: 'Fortsæt indberetning',
          });
      }
      const words = respondentsOf(round);
      // Danish definite form: kommune → kommunen, institution → institutionen.
      const one = 'error' in words ? 'respondenten' : words.words.one.endsWith('e') ? `${words.words.one}n` : `${words.words.one}en`;
      const sender = (round.settings.afsender as { navn?: string } | undefined)?.navn ?? 'ministeriet';
      rounds.push({ id: round.id, title: round.title, sender, respondentWord: one, forms });
    }
    sendPage(res, createElement(HomePage, { user: who.header, csrfToken: who.csrfToken, organisation: who.organisation.navn, rounds }));
  });
  return router;
}
