import { Router } from 'express';
import { createElement } from 'react';
import type { Issue, JsonSchema, Lang } from '../../engine/index.ts';
import { submit } from '../../engine/workflows/index.ts';
import { prefillDraft } from '../../engine/rounds/index.ts';
import {
  AnswersView,
  clientScriptUrl,
  constTitles,
  fieldId,
  FormPage,
  isHeldBack,
  formStepData,
  localizeSchema,
  renderFormApp,
  ReviewPage,
  safeJson,
  sentPageData,
  stepOfIssue,
  stepsOf,
  summaryItems,
  type Step,
} from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { renderMessage } from '../errors.ts';
import { loadFormContext, startingAnswers, uiOverrides, type FormContext } from './form-context.ts';
import { requireRespondentPage } from './page-user.ts';
import { confirmPrefillUrl } from '../rounds/prefill-routes.ts';
import { roundDataUrl, validatorsUrl } from '../rounds/rounds-static-routes.ts';
import { sendPage } from './send-page.ts';


function answersOf(ctx: FormContext): unknown {
  return ctx.submission?.answers ?? ctx.prefilledAnswers ?? startingAnswers(ctx);
}

function issuesOf(ctx: FormContext, lang: Lang = 'da'): readonly Issue[] {
  const r = ctx.found.form.validate(answersOf(ctx), { lang });
  return r.ok ? [] : r.issues;
}

/** The progress indicator: the form's steps, then review and receipt. */
function progress(ctx: FormContext, current: number | 'review', issues: readonly Issue[], showErrors: boolean, lang: Lang = 'da'): Step[] {
  const steps = stepsOf(ctx.found.form, lang);
  const saved = !!ctx.submission;
  const withLang = (href: string) => (lang === 'en' ? `${href}?lang=en` : href);
  const out: Step[] = steps.map((s, i) => {
    const bad = issues.some((issue) => stepOfIssue(steps, issue) === i || (i === 0 && stepOfIssue(steps, issue) < 0));
    const state: Step['state'] = i === current ? 'current' : bad ? (showErrors ? 'error' : 'todo') : saved ? 'done' : 'todo';
    return { title: s.title, href: withLang(ctx.urls.step(i)), state };
  });
  out.push({ title: 'Gennemse og indsend', href: ctx.urls.review, state: current === 'review' ? 'current' : 'todo' });
  out.push({ title: 'Kvittering', state: 'todo' });
  return out;
}

/**
 * The form's pages: each step rendered on the server and hydrated in the browser, the review page
 * with every answer, and the submit, which goes through the same workflow as the JSON API.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createFormRoutes(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireRespondentPage(deps);
  const base = '/indberetning/:roundId/:formName';

  router.get(base, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    res.redirect(303, ctx.submission?.status === 'submitted' ? ctx.urls.receipt : ctx.urls.step(0));
  });

  router.get(`${base}/trin/:step`, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    if (ctx.submission?.status === 'submitted') return res.redirect(303, ctx.urls.receipt);
    // English where the schema provides it (`?lang=en`); Danish is the default and the fallback.
    const lang = req.query.lang === 'en' ? 'en' : 'da';
    const keep = (href: string) => (lang === 'en' ? `${href}${href.includes('?') ? '&' : '?'}lang=en` : href);
    const steps = stepsOf(ctx.found.form, lang);
    const index = Number(req.params.step) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= steps.length) return res.redirect(303, ctx.urls.step(0));
    const showErrors = req.query.fejl !== undefined;
    const issues = issuesOf(ctx, lang);
    const overrides = uiOverrides(ctx);
    const data = formStepData({
      form: ctx.found.form,
      round: ctx.found.round,
      lang,
      answers: answersOf(ctx),
      version: ctx.submission?.version ?? null,
      savedAt: ctx.submission?.updatedAt ?? null,
      step: index,
      issues: showErrors ? issues : [],
      stepHref: (i) => keep(ctx.urls.step(i)),
      reviewHref: ctx.urls.review,
      draftUrl: ctx.urls.draft,
      csrfToken: ctx.who.csrfToken,
      validatorsUrl: validatorsUrl(ctx.found.round),
      ...(overrides ? { uiOverrides: overrides } : {}),
    });
    sendPage(
      res,
      createElement(FormPage, {
        user: ctx.who.header,
        csrfToken: ctx.who.csrfToken,
        organisation: ctx.who.organisation.navn,
        formTitle: ctx.found.info.title,
        roundTitle: ctx.found.round.title,
        stepTitle: steps[index]!.title,
        steps: progress(ctx, index, issues, showErrors, lang),
        formHtml: renderFormApp(data, ctx.found.form),
        // The round's shared part (schema, tables) is fetched once and cached; the page carries the step's.
        dataJson: safeJson(sentPageData(data, roundDataUrl(ctx.found.round))),
        script: clientScriptUrl(),
        lang,
        otherLanguageHref: lang === 'en' ? ctx.urls.step(index) : `${ctx.urls.step(index)}?lang=en`,
        ...(ctx.prefill && !ctx.prefill.confirmed
          ? { prefill: { fromRoundId: ctx.prefill.fromRoundId, confirmAction: confirmPrefillUrl(ctx.found.round.id, ctx.found.form.name) } }
          : {}),
      }),
    );
  });

  router.get(`${base}/gennemse`, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    if (ctx.submission?.status === 'submitted') return res.redirect(303, ctx.urls.receipt);
    const form = ctx.found.form;
    const schema = localizeSchema(form.schema as JsonSchema, 'da');
    const answers = answersOf(ctx);
    const checked = form.validate(answers);
    const shown = form.prepare(answers);
    const issues = checked.ok ? [] : checked.issues.filter((i) => !isHeldBack(schema, shown, i.path));
    const steps = stepsOf(form);
    const problems = summaryItems(issues, schema, (p) => {
      const i = Math.max(0, stepOfIssue(steps, { path: p, keyword: '', message: '' }));
      return `${ctx.urls.step(i)}?fejl=1#${fieldId(p)}`;
    });
    const notice =
      req.query.konflikt !== undefined
        ? 'Indberetningen er ændret et andet sted, siden du åbnede siden. Kontrollér oplysningerne herunder, og indsend igen.'
        : undefined;
    const blocked = ctx.closed ? renderMessage('DEADLINE_PASSED', { frist: ctx.deadline.extendedUntil ?? ctx.deadline.frist ?? '' }) : undefined;
    sendPage(
      res,
      createElement(ReviewPage, {
        user: ctx.who.header,
        csrfToken: ctx.who.csrfToken,
        organisation: ctx.who.organisation.navn,
        formTitle: ctx.found.info.title,
        steps: progress(ctx, 'review', issues, true),
        problems,
        answers: createElement(AnswersView, {
          schema,
          ui: form.ui as JsonSchema,
          value: checked.ok ? checked.value : form.prepare(answers),
          titles: constTitles(schema),
          skip: ['code'],
          editHref: (key: string) => {
            const i = steps.findIndex((s) => s.fields.includes(key));
            return i >= 0 ? ctx.urls.step(i) : undefined;
          },
        }),
        submitAction: ctx.urls.submit,
        version: ctx.submission?.version ?? 0,
        prevHref: ctx.urls.step(steps.length - 1),
        ...(blocked ? { blocked } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.post(`${base}/indsend`, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    let version = Number((req.body as Record<string, unknown> | undefined)?.version);
    // Last round's answers, shown but never saved: submitting stores them first, as the first save would.
    if (version === 0 && !ctx.submission && ctx.prefilledAnswers !== undefined) {
      const p = await prefillDraft({ ...wf, schemasDir: deps.config.schemasDir }, { roundId: ctx.found.round.id, formName: ctx.found.form.name, organisationId: ctx.who.organisation.id, actorId: ctx.who.user.id });
      if (p.prefilled) version = 1;
    }
    const r = await submit(wf, {
      actor: { id: ctx.who.user.id, role: ctx.who.user.role, organisationId: ctx.who.organisation.id },
      roundId: ctx.found.round.id,
      formName: ctx.found.form.name,
      organisationId: ctx.who.organisation.id,
      ifMatch: Number.isInteger(version) ? version : -1,
    });
    if (r.ok || r.code === 'ALREADY_SUBMITTED') return res.redirect(303, ctx.urls.receipt);
    if (r.code === 'INVALID_ANSWERS') {
      const steps = stepsOf(ctx.found.form);
      const first = r.issues?.[0];
      const i = first ? Math.max(0, stepOfIssue(steps, first)) : 0;
      return res.redirect(303, `${ctx.urls.step(i)}?fejl=1`);
    }
    if (r.code === 'VERSION_CONFLICT') return res.redirect(303, `${ctx.urls.review}?konflikt=1`);
    res.redirect(303, ctx.urls.review);
  });

  return router;
}
