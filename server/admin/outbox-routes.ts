import { Router } from 'express';
import { createElement } from 'react';
import { boardLabels, deliverMails, listMails } from '../../engine/contacts/index.ts';
import { listOutbox, parseRawMail, readOutboxFile } from '../../engine/mail/index.ts';
import { formatDateTime } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { MAIL_KIND, MAIL_STATUS, notFoundPage } from './page-helpers.ts';
import { MailPage } from './pages/MailPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

/**
 * The outbox: every recorded mail, a button that sends the waiting ones, each mail's page, and,
 * when no SMTP server is configured, the outbox folder's files.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createOutboxRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const guard = requireAdminPage();

  router.get('/admin/udbakke', guard, async (req, res) => {
    const a = adminPageUser(req);
    const roundId = typeof req.query.runde === 'string' && deps.registry.round(req.query.runde) ? req.query.runde : (deps.registry.current()?.id ?? '');
    const [mails, waiting, files] = await Promise.all([
      listMails(deps.db, { limit: 300 }),
      deps.db.selectFrom('mails').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['pending', 'sending']).executeTakeFirst(),
      rt.transport.kind === 'outbox' ? listOutbox(rt.settings.outboxDir, 300) : Promise.resolve([]),
    ]);
    const notice = noticeText(req.query);
    sendPage(
      res,
      createElement(OutboxPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId,
        timeZone: rt.timeZone(roundId),
        transport: { kind: rt.transport.kind, description: rt.transport.description },
        mails,
        waiting: Number(waiting?.n ?? 0),
        files,
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.post('/admin/udbakke/send', guard, async (req, res) => {
    const d = await deliverMails(rt.deliveryDeps(), { actorId: adminPageUser(req).user.id });
    res.redirect(303, withNotice('/admin/udbakke', 'afsendt', { sendt: d.sent, fejl: d.failed }));
  });

  router.get('/admin/udbakke/mail/:mailId', guard, async (req, res) => {
    const a = adminPageUser(req);
    const [m] = await listMails(deps.db, { id: String(req.params.mailId), limit: 1 });
    if (!m) return notFoundPage(req, res, 'Mailen findes ikke.');
    const tz = rt.timeZone(m.roundId ?? '');
    const mailRound = m.roundId ? deps.registry.round(m.roundId) : undefined;
    const facts: Array<[string, string]> = [
      ['Type', MAIL_KIND[m.kind] ?? m.kind],
      // The mail's own round names its respondent; a mail of no known round says what it is.
      [mailRound ? boardLabels(mailRound).name : 'Respondent', m.kommune ? `${m.kommune} (${m.code})` : '–'],
      ['Modtager', `${m.recipientName} <${m.recipient}>`],
      ['Status', MAIL_STATUS[m.status] ?? m.status],
      ['Forsøg', String(m.attempts)],
      ['Oprettet', formatDateTime(m.createdAt, tz)],
      ['Sendt', m.sentAt ? formatDateTime(m.sentAt, tz) : '–'],
      ['Message-ID', m.messageId],
      ...(m.lastError ? ([['Seneste fejl', m.lastError]] as Array<[string, string]>) : []),
    ];
    sendPage(res, createElement(MailPage, { user: a.header, csrfToken: a.csrfToken, roundId: m.roundId ?? '', facts, subject: m.subject, text: m.body }));
  });

  router.get('/admin/udbakke/fil/:name', guard, async (req, res) => {
    const a = adminPageUser(req);
    const raw = await readOutboxFile(rt.settings.outboxDir, String(req.params.name));
    if (raw === undefined) return notFoundPage(req, res, 'Filen findes ikke i udbakken.');
    const mail = parseRawMail(raw);
    const facts: Array<[string, string]> = [
      ['Fil', String(req.params.name)],
      ['Fra', mail.from],
      ['Til', mail.to],
      ['Dato', mail.headers.get('date') ?? '–'],
      ['Message-ID', mail.messageId],
    ];
    sendPage(res, createElement(MailPage, { user: a.header, csrfToken: a.csrfToken, roundId: deps.registry.current()?.id ?? '', facts, subject: mail.subject, text: mail.text }));
  });

  return router;
}
