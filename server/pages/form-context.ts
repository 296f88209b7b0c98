import type { Request, Response } from 'express';
import { createElement } from 'react';
import { effectiveDeadline, findForm, getOwnSubmission, isRoundRespondent, type EffectiveDeadline, type FoundForm, type SubmissionView } from '../../engine/workflows/index.ts';
import { MessagePage, shellOf } from '../../renderer/index.ts';
import { findPrefill, prefillAnswers } from '../../engine/rounds/index.ts';
import { respondentUi, startingAnswers as startWith, type PageRespondentData } from '../../engine/index.ts';
import { respondentsOf } from '../../reports/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { formUrls, type FormUrls } from './form-urls.ts';
import { pageRespondent, type PageRespondent } from './page-user.ts';
import { sendPage } from './send-page.ts';

/** What every form page of a respondent starts from. */
export interface FormContext {
  readonly found: FoundForm;
  readonly who: PageRespondent;
  readonly urls: FormUrls;
  readonly submission: SubmissionView | undefined;
  readonly deadline: EffectiveDeadline;
  /** Whether submitting is closed now (deadline passed, no extension). */
  readonly closed: boolean;
  /** Set when the draft was (or, before the first save, will be) started from last round's answers. */
  readonly prefill?: { readonly fromRoundId: string; readonly confirmed: boolean };
  /** Last round's answers a form not yet saved starts from; stored only at the first save. */
  readonly prefilledAnswers?: unknown;
}

/**
 * Loads the form named in the URL with the respondent's own submission and deadline, or answers
 * with a "not found" page and returns undefined.
 * @param deps the app's dependencies
 * @param req the request (after requireRespondentPage)
 * @param res the response
 * @returns the context, or undefined when a page was already sent
 */
export async function loadFormContext(deps: AppDeps, req: Request, res: Response): Promise<FormContext | undefined> {
  const who = pageRespondent(req);
  const found = findForm(deps.registry, String(req.params.roundId), String(req.params.formName));
  // A round's forms exist only for its own respondents.
  if (!found || !(await isRoundRespondent(deps.db, found.round.id, who.organisation.id))) {
    sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Skemaet findes ikke.', user: who.header, csrfToken: who.csrfToken }), 404);
    return undefined;
  }
  res.locals.shell = shellOf(found.round.settings);
  const key = { roundId: found.round.id, formName: found.form.name, organisationId: who.organisation.id };
  const [submission, deadline] = await Promise.all([getOwnSubmission(deps.db, key), effectiveDeadline(deps.db, found, who.organisation.id)]);
  // A new round's form starts from the organisation's answers of the round before, computed here
  // and stored only when the respondent first saves: looking at a page writes nothing.
  const start = submission ? undefined : await prefillAnswers(workflowDeps(deps), key);
  const mark = submission && submission.status !== 'submitted' ? await findPrefill(deps.db, key) : undefined;
  const now = (deps.clock ?? (() => new Date()))();
  return {
    found,
    who,
    urls: formUrls(found.round.id, found.form.name),
    submission,
    deadline,
    closed: !!deadline.closesAt && now.getTime() >= deadline.closesAt.getTime(),
    ...(mark ? { prefill: { fromRoundId: mark.from_round_id, confirmed: mark.confirmed_at !== null } } : {}),
    ...(start?.prefilled ? { prefill: { fromRoundId: start.fromRoundId, confirmed: false }, prefilledAnswers: start.answers } : {}),
  };
}

/** The respondent as the form's `x-start` and `x-addable` read it: its key, name and the round table's attributes. */
function respondentData(ctx: FormContext): PageRespondentData {
  const { organisation } = ctx.who;
  const own = respondentsOf(ctx.found.round);
  const row = 'error' in own ? undefined : own.byKey.get(organisation.code);
  return { key: organisation.code, name: row?.name ?? organisation.navn, attributes: row?.attributes ?? {} };
}

const roundContext = (ctx: FormContext) => ({ $round: ctx.found.round.settings, $tables: ctx.found.round.tables });

/**
 * The answers a new report starts with, as the form's schema declares them (its respondent key,
 * and `x-start` where the schema gives one).
 * @param ctx the form context
 * @returns the starting answers
 */
export function startingAnswers(ctx: FormContext): Record<string, unknown> {
  return startWith(ctx.found.form.schema, respondentData(ctx), roundContext(ctx));
}

/**
 * Page-specific ui settings the schema declares for this respondent: its key is read-only (the
 * server forces it), and a list the respondent may not extend (`x-addable`) has no add button.
 * @param ctx the form context
 * @returns ui overrides, or undefined
 */
export function uiOverrides(ctx: FormContext): Record<string, unknown> | undefined {
  return respondentUi(ctx.found.form.schema, respondentData(ctx), roundContext(ctx));
}
