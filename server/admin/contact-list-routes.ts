import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { createElement } from 'react';
import { boardLabels, buildContactTemplate, commitContactImport, contactFormOf, getContactImport, importContactFile, toImportReport } from '../../engine/contacts/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { multipartFiles, multipartProblem, type MultipartLimits } from '../multipart-form.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { contactsMessage } from './contacts-error.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { boardUrl, notFoundPage, refusedPage, roundOr404 } from './page-helpers.ts';
import { ContactsPage } from './pages/ContactsPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

/** Where the upload form posts without JavaScript (its multipart body is read before the CSRF check). */
export const CONTACT_UPLOAD_PATH = '/admin/runde/:roundId/kontakter/upload';

/** What the upload form may send: one file as large as the JSON route takes, and a few fields. */
export const CONTACT_UPLOAD_LIMITS: MultipartLimits = Object.freeze({ fileSize: 5 * 1024 * 1024, fields: 10, fieldSize: 8 * 1024 });

/** The upload script's address and file. */
export const UPLOAD_SCRIPT = '/static/admin/upload.js';
const UPLOAD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static', 'upload.js');

/**
 * The contact list: the template download, the upload page (its script posts the file to the JSON
 * route; without JavaScript the form posts it here as multipart), and each upload's result with the
 * choice to import its valid rows.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createContactListRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireAdminPage();

  router.get(UPLOAD_SCRIPT, (_req, res) => res.sendFile(UPLOAD_FILE, { maxAge: '1h', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }));

  router.get('/admin/runde/:roundId/kontakter', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const [contacts, orgs, imports] = await Promise.all([
      deps.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', round.id).executeTakeFirst(),
      // The round's own respondents: every round's organisations share one table.
      deps.db.selectFrom('round_respondents').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', round.id).executeTakeFirst(),
      deps.db.selectFrom('contact_imports').selectAll().where('round_id', '=', round.id).orderBy('created_at', 'desc').limit(10).execute(),
    ]);
    const notice = noticeText(req.query, boardLabels(round));
    sendPage(
      res,
      createElement(ContactsPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        timeZone: rt.timeZone(round.id),
        withContact: Number(contacts?.n ?? 0),
        municipalities: Number(orgs?.n ?? 0),
        words: boardLabels(round),
        imports: imports.map(toImportReport),
        script: UPLOAD_SCRIPT,
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.get('/admin/runde/:roundId/kontakter/skabelon.xlsx', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const form = contactFormOf(round);
    if (!form) return notFoundPage(req, res, 'Runden har ingen kontaktliste.');
    res.set('Content-Disposition', `attachment; filename="kontaktliste-${round.id}.xlsx"`);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await buildContactTemplate(round, form));
  });

  router.post(CONTACT_UPLOAD_PATH, guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const problem = multipartProblem(req);
    if (problem) return refusedPage(req, res, 'Filen blev ikke uploadet', problem.message, problem.status);
    const file = multipartFiles(req).fil;
    if (!file || file.data.length === 0) return refusedPage(req, res, 'Filen blev ikke uploadet', 'Vælg den udfyldte kontaktliste og prøv igen.', 422);
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const r = await importContactFile(wf, {
      roundId: round.id,
      filename: file.filename || 'kontaktliste',
      bytes: file.data,
      onlyValid: fields.kunGyldige === '1',
      actorId: adminPageUser(req).user.id,
    });
    if ('ok' in r) return refusedPage(req, res, 'Filen blev ikke uploadet', contactsMessage(r), 422);
    res.redirect(303, `${boardUrl(round.id)}/kontakter/import/${encodeURIComponent(r.id)}`);
  });

  router.get('/admin/runde/:roundId/kontakter/import/:importId', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const report = await getContactImport(wf, String(req.params.importId));
    if (!report || report.roundId !== round.id) return notFoundPage(req, res, 'Importen findes ikke.');
    const notice = noticeText(req.query, boardLabels(round));
    sendPage(res, createElement(ImportPage, { user: a.header, csrfToken: a.csrfToken, roundId: round.id, report, many: boardLabels(round).many, ...(notice ? { notice } : {}) }));
  });

  router.post('/admin/runde/:roundId/kontakter/import/:importId', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const id = String(req.params.importId);
    const r = await commitContactImport(wf, { importId: id, actorId: adminPageUser(req).user.id });
    if ('ok' in r) return refusedPage(req, res, 'Intet blev importeret', contactsMessage(r));
    res.redirect(303, withNotice(`${boardUrl(round.id)}/kontakter/import/${encodeURIComponent(id)}`, 'importeret', { importeret: r.imported }));
  });

  return router;
}
