import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import type { Round } from '../../engine/compile-round.ts';
import {
  buildContactTemplate,
  commitContactImport,
  CONTACT_FORM,
  deliverMails,
  filterBoard,
  getContactImport,
  issueCredentials,
  listBoard,
  listMails,
  queueReminders,
  reportForm,
  revokeCredential,
  toImportReport,
  updateContact,
} from '../../engine/contacts/index.ts';
import { listOutbox, parseRawMail, readOutboxFile } from '../../engine/mail/index.ts';
import { formatDateTime, MessagePage } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import { boardFilterOf } from './admin-api-routes.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { boardToCsv, boardToXlsx } from './board-export.ts';
import { contactsMessage } from './contacts-error.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { BoardPage } from './pages/BoardPage.tsx';
import { ContactsPage } from './pages/ContactsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { MailPage } from './pages/MailPage.tsx';
import { MunicipalityPage } from './pages/MunicipalityPage.tsx';
import { OutboxPage } from './pages/OutboxPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

/** The upload script's address and file. */
export const UPLOAD_SCRIPT = '/static/admin/upload.js';
const UPLOAD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static', 'upload.js');

const KIND: Record<string, string> = { credentials: 'Login', reminder: 'Påmindelse' };
const STATUS: Record<string, string> = { pending: 'Venter', sending: 'Sendes', sent: 'Sendt', failed: 'Fejlet', cancelled: 'Annulleret' };

function regionsOf(round: Round): Array<{ kode: string; navn: string }> {
  const table = round.tables.regioner;
  if (table) return Object.entries(table).map(([kode, r]) => ({ kode, navn: r.regionsnavn ?? kode }));
  const seen = new Map<string, string>();
  for (const k of Object.values(round.tables.kommuner ?? {})) if (k.regionskode) seen.set(k.regionskode, k.regionsnavn ?? k.regionskode);
  return [...seen].map(([kode, navn]) => ({ kode, navn })).sort((a, b) => a.kode.localeCompare(b.kode));
}

function fieldTitles(deps: AppDeps, roundId: string): Record<string, string> {
  const props = ((deps.registry.form(roundId, CONTACT_FORM)?.schema as { properties?: Record<string, { title?: string }> } | undefined)?.properties ?? {}) as Record<
    string,
    { title?: string }
  >;
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.title ?? k]));
}

const field = (req: Request, name: string, max = 300): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/**
 * The ministry's HTML pages: the board with filters, counts, exports and bulk actions; one
 * municipality's contact, login and mails; the contact list's template, upload and import results;
 * the outbox. Every action is a plain form post with the CSRF token; results are shown on the next page.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createAdminPageRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireAdminPage();

  const roundOr404 = (req: Request, res: Response): Round | undefined => {
    const round = deps.registry.round(String(req.params.roundId));
    if (!round) {
      const a = adminPageUser(req);
      sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Runden findes ikke.', user: a.header, csrfToken: a.csrfToken }), 404);
    }
    return round;
  };
  const boardUrl = (roundId: string) => `/admin/runde/${encodeURIComponent(roundId)}`;
  const orgUrl = (roundId: string, kode: string) => `${boardUrl(roundId)}/kommune/${encodeURIComponent(kode)}`;

  router.get(UPLOAD_SCRIPT, (_req, res) => res.sendFile(UPLOAD_FILE, { maxAge: '1h', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }));

  router.get('/admin', guard, (_req, res) => {
    const round = deps.registry.current();
    res.redirect(303, round ? boardUrl(round.id) : '/');
  });

  router.get('/admin/runde/:roundId', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const filter = boardFilterOf(req.query);
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), filter);
    const q = new URLSearchParams(Object.entries(filter) as Array<[string, string]>).toString();
    const notice = noticeText(req.query);
    sendPage(
      res,
      createElement(BoardPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        roundTitle: round.title,
        reportTitle: reportForm(round)?.info.title ?? '',
        timeZone: rt.timeZone(round.id),
        board,
        filter,
        regions: regionsOf(round),
        query: q ? `?${q}` : '',
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.get('/admin/runde/:roundId/oversigt.csv', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), boardFilterOf(req.query));
    res.set('Content-Disposition', `attachment; filename="oversigt-${round.id}.csv"`);
    res.set('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(boardToCsv(board.rows, rt.timeZone(round.id)));
  });

  router.get('/admin/runde/:roundId/oversigt.xlsx', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), boardFilterOf(req.query));
    res.set('Content-Disposition', `attachment; filename="oversigt-${round.id}.xlsx"`);
    res.set('Cache-Control', 'no-store');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await boardToXlsx(board.rows, rt.timeZone(round.id), `Oversigt ${round.id}`));
  });

  router.post('/admin/runde/:roundId/logins/send', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'new', actorId });
    if (!issued.ok) throw new Error(contactsMessage(issued));
    const d = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId });
    res.redirect(
      303,
      withNotice(boardUrl(round.id), 'logins', { oprettet: issued.issued.length, sendt: d.sent, fejl: d.failed, venter: d.retrying, problemer: issued.problems.length }),
    );
  });

  router.post('/admin/runde/:roundId/paamindelser', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const actorId = adminPageUser(req).user.id;
    const r = await queueReminders(await rt.credentialDeps(round.id), { roundId: round.id, actorId });
    if (!r.ok) throw new Error(contactsMessage(r));
    const d = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['reminder'], actorId });
    res.redirect(
      303,
      withNotice(boardUrl(round.id), 'paamindelser', { oprettet: r.queued.length, sendt: d.sent, allerede: r.already.length, ingenKontakt: r.noContact.length }),
    );
  });

  const municipalityPage = async (
    req: Request,
    res: Response,
    round: Round,
    form?: { values: { navn: string; email: string; telefon: string; regionskode: string }; errors: Record<string, string> },
  ) => {
    const a = adminPageUser(req);
    const kode = String(req.params.kommunekode);
    const row = (await listBoard(deps.db, round, wf.clock())).find((r) => r.kommunekode === kode);
    if (!row) {
      return sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Kommunen findes ikke.', user: a.header, csrfToken: a.csrfToken }), 404);
    }
    const notice = noticeText(req.query);
    sendPage(
      res,
      createElement(MunicipalityPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        timeZone: rt.timeZone(round.id),
        row,
        values: form?.values ?? {
          navn: row.contact?.navn ?? '',
          email: row.contact?.email ?? '',
          telefon: row.contact?.telefon ?? '',
          regionskode: row.contact ? row.regionskode : '',
        },
        errors: form?.errors ?? {},
        regions: regionsOf(round),
        titles: fieldTitles(deps, round.id),
        mails: await listMails(deps.db, { roundId: round.id, kommunekode: kode, limit: 50 }),
        ...(notice ? { notice } : {}),
      }),
      form && Object.keys(form.errors).length > 0 ? 422 : 200,
    );
  };

  router.get('/admin/runde/:roundId/kommune/:kommunekode', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    await municipalityPage(req, res, round);
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const values = { navn: field(req, 'navn'), email: field(req, 'email'), telefon: field(req, 'telefon'), regionskode: field(req, 'regionskode', 10) };
    const kode = String(req.params.kommunekode);
    const r = await updateContact(wf, { roundId: round.id, kommunekode: kode, fields: values, actorId: adminPageUser(req).user.id });
    if (!r.ok) {
      const errors: Record<string, string> = {};
      for (const i of r.issues ?? []) errors[i.path.split('/')[1] || 'navn'] ??= i.message;
      if (Object.keys(errors).length === 0) errors.navn = contactsMessage(r);
      return municipalityPage(req, res, round, { values, errors });
    }
    res.redirect(303, withNotice(orgUrl(round.id, kode), 'gemt', { lukket: r.closedCredentialId ? 1 : 0 }));
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode/login/send', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const kode = String(req.params.kommunekode);
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'resend', kommunekoder: [kode], actorId });
    const problem = issued.ok ? issued.problems[0]?.failure : issued;
    if (problem) {
      const a = adminPageUser(req);
      return sendPage(res, createElement(MessagePage, { title: 'Login blev ikke sendt', text: contactsMessage(problem), user: a.header, csrfToken: a.csrfToken }), 409);
    }
    const d = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId });
    res.redirect(303, withNotice(orgUrl(round.id, kode), 'login-sendt', { sendt: d.sent }));
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode/login/tilbagekald', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const kode = String(req.params.kommunekode);
    const r = await revokeCredential(wf, { roundId: round.id, kommunekode: kode, actorId: adminPageUser(req).user.id });
    if (!r.ok) {
      const a = adminPageUser(req);
      return sendPage(res, createElement(MessagePage, { title: 'Login blev ikke tilbagekaldt', text: contactsMessage(r), user: a.header, csrfToken: a.csrfToken }), 409);
    }
    res.redirect(303, withNotice(orgUrl(round.id, kode), 'tilbagekaldt'));
  });

  router.get('/admin/runde/:roundId/kontakter', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const [contacts, orgs, imports] = await Promise.all([
      deps.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', round.id).executeTakeFirst(),
      deps.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      deps.db.selectFrom('contact_imports').selectAll().where('round_id', '=', round.id).orderBy('created_at', 'desc').limit(10).execute(),
    ]);
    const notice = noticeText(req.query);
    sendPage(
      res,
      createElement(ContactsPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        timeZone: rt.timeZone(round.id),
        withContact: Number(contacts?.n ?? 0),
        municipalities: Number(orgs?.n ?? 0),
        imports: imports.map(toImportReport),
        script: UPLOAD_SCRIPT,
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.get('/admin/runde/:roundId/kontakter/skabelon.xlsx', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const form = deps.registry.form(round.id, CONTACT_FORM);
    if (!form) return res.redirect(303, boardUrl(round.id));
    res.set('Content-Disposition', `attachment; filename="kontaktliste-${round.id}.xlsx"`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await buildContactTemplate(round, form));
  });

  router.get('/admin/runde/:roundId/kontakter/import/:importId', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const report = await getContactImport(wf, String(req.params.importId));
    if (!report || report.roundId !== round.id) {
      return sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Importen findes ikke.', user: a.header, csrfToken: a.csrfToken }), 404);
    }
    const notice = noticeText(req.query);
    sendPage(res, createElement(ImportPage, { user: a.header, csrfToken: a.csrfToken, roundId: round.id, report, ...(notice ? { notice } : {}) }));
  });

  router.post('/admin/runde/:roundId/kontakter/import/:importId', guard, async (req, res) => {
    const round = roundOr404(req, res);
    if (!round) return;
    const id = String(req.params.importId);
    const r = await commitContactImport(wf, { importId: id, actorId: adminPageUser(req).user.id });
    const url = `${boardUrl(round.id)}/kontakter/import/${encodeURIComponent(id)}`;
    if ('ok' in r) {
      const a = adminPageUser(req);
      return sendPage(res, createElement(MessagePage, { title: 'Intet blev importeret', text: contactsMessage(r), user: a.header, csrfToken: a.csrfToken }), 409);
    }
    res.redirect(303, withNotice(url, 'importeret', { importeret: r.imported }));
  });

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
    if (!m) return sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Mailen findes ikke.', user: a.header, csrfToken: a.csrfToken }), 404);
    const tz = rt.timeZone(m.roundId ?? '');
    const facts: Array<[string, string]> = [
      ['Type', KIND[m.kind] ?? m.kind],
      ['Kommune', m.kommune ? `${m.kommune} (${m.kommunekode})` : '–'],
      ['Modtager', `${m.recipientName} <${m.recipient}>`],
      ['Status', STATUS[m.status] ?? m.status],
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
    if (raw === undefined) {
      return sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text: 'Filen findes ikke i udbakken.', user: a.header, csrfToken: a.csrfToken }), 404);
    }
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
