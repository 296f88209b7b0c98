import { Router } from 'express';
import { createElement } from 'react';
import { boardLabels } from '../../engine/contacts/index.ts';
import type { JsonSchema } from '../../engine/index.ts';
import {
  AnswersView,
  constTitles,
  formatDateTime,
  localizeSchema,
  MessagePage,
  RECEIPT_CSS,
  ReceiptDocument,
  ReceiptPage,
  renderDocument,
  shellOf,
  type ReceiptFacts,
} from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { loadFormContext, type FormContext } from './form-context.ts';
import { requireRespondentPage } from './page-user.ts';
import { printPdf } from './print-pdf.ts';
import { sendPage } from './send-page.ts';

function factsOf(ctx: FormContext): ReceiptFacts {
  const sub = ctx.submission!;
  const tz = String(ctx.found.round.settings.tidszone ?? 'Europe/Copenhagen');
  return {
    respondentLabel: boardLabels(ctx.found.round).name,
    organisation: ctx.who.organisation.navn,
    formTitle: ctx.found.info.title,
    roundTitle: ctx.found.round.title,
    submittedAt: formatDateTime(sub.submittedAt ?? sub.updatedAt, tz),
    reference: sub.id,
    version: sub.version,
  };
}

function answersOf(ctx: FormContext) {
  const schema = localizeSchema(ctx.found.form.schema as JsonSchema, 'da');
  // The stored value is what the engine validated on submit: exactly what was received.
  return createElement(AnswersView, {
    schema,
    ui: ctx.found.form.ui as JsonSchema,
    value: ctx.submission!.answers,
    titles: constTitles(schema),
    skip: ['code'],
    // Under the page's "Det indsendte" heading.
    level: 3,
  });
}

/**
 * The receipt page and its PDF, printed by Chromium from the stored submission.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createReceiptRoutes(deps: AppDeps): Router {
  const router = Router();
  const guard = requireRespondentPage(deps);
  const base = '/indberetning/:roundId/:formName';

  router.get(`${base}/kvittering`, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    if (ctx.submission?.status !== 'submitted') return res.redirect(303, ctx.urls.start);
    sendPage(
      res,
      createElement(ReceiptPage, { user: ctx.who.header, csrfToken: ctx.who.csrfToken, facts: factsOf(ctx), pdfHref: ctx.urls.pdf, answers: answersOf(ctx) }),
    );
  });

  router.get(`${base}/kvittering.pdf`, guard, async (req, res) => {
    const ctx = await loadFormContext(deps, req, res);
    if (!ctx) return;
    if (ctx.submission?.status !== 'submitted') return res.redirect(303, ctx.urls.start);
    const html = renderDocument(createElement(ReceiptDocument, { facts: factsOf(ctx), answers: answersOf(ctx), css: RECEIPT_CSS }), shellOf(ctx.found.round.settings));
    const printed = await printPdf(html);
    if (!printed.ok) {
      deps.logger.error({ reason: printed.reason }, 'receipt PDF could not be printed');
      return sendPage(
        res,
        createElement(MessagePage, {
          title: 'PDF kan ikke dannes lige nu',
          text: 'Kvitteringen kunne ikke dannes som PDF. Kvitteringssiden viser det samme og kan udskrives fra browseren.',
          user: ctx.who.header,
          csrfToken: ctx.who.csrfToken,
        }),
        503,
      );
    }
    res.set('Content-Type', 'application/pdf');
    res.set('Content-Disposition', `attachment; filename="kvittering-${ctx.who.organisation.code}-${ctx.found.form.name}.pdf"`);
    res.set('Cache-Control', 'no-store');
    res.send(printed.pdf);
  });

  return router;
}
