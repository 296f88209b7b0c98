import { Router } from 'express';
import { createElement } from 'react';
import { boardLabels, deliverMails, filterBoard, issueCredentials, listBoard, queueReminders, reportForm } from '../../engine/contacts/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import { boardFilterOf } from './admin-api-routes.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { boardToCsv, boardToXlsx } from './board-export.ts';
import { contactsMessage } from './contacts-error.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { boardUrl, roundOr404 } from './page-helpers.ts';
import { BoardPage } from './pages/BoardPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

/**
 * The board: every municipality with status, counts and filters, its CSV and XLSX exports, and
 * the round's bulk actions (send logins, send reminders).
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createBoardRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireAdminPage();

  router.get('/admin', guard, (_req, res) => {
    const round = deps.registry.current();
    res.redirect(303, round ? boardUrl(round.id) : '/');
  });

  router.get('/admin/runde/:roundId', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const a = adminPageUser(req);
    const filter = boardFilterOf(req.query);
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), filter);
    const q = new URLSearchParams(Object.entries(filter) as Array<[string, string]>).toString();
    const notice = noticeText(req.query, boardLabels(round));
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
        labels: boardLabels(round),
        query: q ? `?${q}` : '',
        ...(notice ? { notice } : {}),
      }),
    );
  });

  router.get('/admin/runde/:roundId/oversigt.csv', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), boardFilterOf(req.query));
    res.set('Content-Disposition', `attachment; filename="oversigt-${round.id}.csv"`);
    res.set('Cache-Control', 'no-store');
    res.type('text/csv; charset=utf-8').send(boardToCsv(board.rows, rt.timeZone(round.id), boardLabels(round)));
  });

  router.get('/admin/runde/:roundId/oversigt.xlsx', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), boardFilterOf(req.query));
    res.set('Content-Disposition', `attachment; filename="oversigt-${round.id}.xlsx"`);
    res.set('Cache-Control', 'no-store');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await boardToXlsx(board.rows, rt.timeZone(round.id), `Oversigt ${round.id}`, boardLabels(round)));
  });

  router.post('/admin/runde/:roundId/logins/send', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
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
    const round = roundOr404(deps, req, res);
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

  return router;
}
