import express, { Router, type Request } from 'express';
import {
  commitContactImport,
  deliverMails,
  filterBoard,
  importContactFile,
  isBoardStatus,
  issueCredentials,
  listBoard,
  listContacts,
  listMails,
  queueReminders,
  revokeCredential,
  updateContact,
  type BoardFilter,
} from '../../engine/contacts/index.ts';
import type { MailKind, MailStatus } from '../../engine/db/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { currentUser, requireRole, requireUser } from '../auth/index.ts';
import { AppError } from '../errors.ts';
import { bodyObject } from '../request-body.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { contactsError, contactsMessage } from './contacts-error.ts';

/** The largest contact-list upload accepted. */
export const MAX_UPLOAD = '5mb';

const text = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, max) : undefined);

/**
 * Reads the board's filters from a query string.
 * @param query the request's query
 * @returns the filters (unknown values ignored)
 */
export function boardFilterOf(query: Request['query']): BoardFilter {
  const status = text(query.status, 40);
  const group = text(query.gruppe, 100);
  const q = text(query.q, 100);
  return { ...(isBoardStatus(status) ? { status } : {}), ...(group ? { group } : {}), ...(q ? { q } : {}) };
}

/**
 * The ministry's JSON routes for contacts, credentials, reminders, mails and the board (admin only).
 * @param deps the app's dependencies
 * @param rt the admin runtime (mail transport and templates)
 * @returns the router
 */
export function createAdminApiRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const admin = [requireUser(), requireRole('admin')];
  const roundOf = (req: Request) => {
    const id = String(req.params.roundId);
    const round = deps.registry.round(id);
    if (!round) throw new AppError('NOT_FOUND', { what: `runde ${id}` });
    return round;
  };

  router.get('/api/admin/rounds/:roundId/board', ...admin, async (req, res) => {
    const round = roundOf(req);
    const board = filterBoard(await listBoard(deps.db, round, wf.clock()), boardFilterOf(req.query));
    res.json(board);
  });

  router.get('/api/admin/rounds/:roundId/contacts', ...admin, async (req, res) => {
    const round = roundOf(req);
    res.json({ contacts: await listContacts(deps.db, round.id) });
  });

  router.put('/api/admin/rounds/:roundId/contacts/:code', ...admin, async (req, res) => {
    const round = roundOf(req);
    const body = bodyObject(req);
    const r = await updateContact(wf, { roundId: round.id, code: String(req.params.code), fields: body, actorId: currentUser(req)!.id });
    if (!r.ok) throw contactsError(r);
    const { ok: _ok, ...saved } = r;
    res.json({ saved, contact: (await listContacts(deps.db, round.id, saved.code))[0] ?? null });
  });

  router.post(
    '/api/admin/rounds/:roundId/contacts/import',
    ...admin,
    express.raw({ type: () => true, limit: MAX_UPLOAD }),
    async (req, res) => {
      const round = roundOf(req);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new AppError('INVALID_INPUT', { field: 'fil' });
      let filename = 'kontaktliste';
      try {
        filename = decodeURIComponent(req.get('x-filnavn') ?? '') || (req.is('text/csv') ? 'kontaktliste.csv' : 'kontaktliste.xlsx');
      } catch {
        // a malformed name is not worth refusing the file for
      }
      const onlyValid = req.query.onlyValid === 'true' || req.query.onlyValid === '1';
      const r = await importContactFile(wf, { roundId: round.id, filename, bytes, onlyValid, actorId: currentUser(req)!.id });
      if ('ok' in r) throw contactsError(r);
      res.status(201).json({ import: r });
    },
  );

  router.post('/api/admin/contact-imports/:importId/commit', ...admin, async (req, res) => {
    const r = await commitContactImport(wf, { importId: String(req.params.importId), actorId: currentUser(req)!.id });
    if ('ok' in r) throw contactsError(r);
    res.json({ import: r });
  });

  router.post('/api/admin/rounds/:roundId/credentials/send', ...admin, async (req, res) => {
    const round = roundOf(req);
    const cd = await rt.credentialDeps(round.id);
    const issued = await issueCredentials(cd, { roundId: round.id, mode: 'new', actorId: currentUser(req)!.id });
    if (!issued.ok) throw contactsError(issued);
    const delivery = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId: currentUser(req)!.id });
    res.json({
      issued: issued.issued,
      skipped: issued.skipped,
      problems: issued.problems.map((p) => ({ respondent: p.code, code: p.failure.code, message: contactsMessage(p.failure) })),
      delivery,
    });
  });

  router.post('/api/admin/rounds/:roundId/credentials/:code/resend', ...admin, async (req, res) => {
    const round = roundOf(req);
    const code = String(req.params.code);
    const cd = await rt.credentialDeps(round.id);
    const issued = await issueCredentials(cd, { roundId: round.id, mode: 'resend', codes: [code], actorId: currentUser(req)!.id });
    if (!issued.ok) throw contactsError(issued);
    const problem = issued.problems[0];
    if (problem) throw contactsError(problem.failure);
    const delivery = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId: currentUser(req)!.id });
    res.json({ issued: issued.issued, delivery });
  });

  router.post('/api/admin/rounds/:roundId/credentials/:code/revoke', ...admin, async (req, res) => {
    const round = roundOf(req);
    const r = await revokeCredential(wf, { roundId: round.id, code: String(req.params.code), actorId: currentUser(req)!.id });
    if (!r.ok) throw contactsError(r);
    res.json({ revoked: r.credentialId });
  });

  router.post('/api/admin/rounds/:roundId/reminders', ...admin, async (req, res) => {
    const round = roundOf(req);
    const body = req.body === undefined || (typeof req.body === 'object' && Object.keys(req.body as object).length === 0) ? {} : bodyObject(req);
    const cd = await rt.credentialDeps(round.id);
    const r = await queueReminders(cd, {
      roundId: round.id,
      ...(text(body.formName, 100) ? { formName: text(body.formName, 100)! } : {}),
      ...(text(body.batch, 40) ? { batch: text(body.batch, 40)! } : {}),
      actorId: currentUser(req)!.id,
    });
    if (!r.ok) throw contactsError(r);
    const delivery = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['reminder'], actorId: currentUser(req)!.id });
    const { ok: _ok, ...outcome } = r;
    res.json({ ...outcome, delivery });
  });

  router.get('/api/admin/mails', ...admin, async (req, res) => {
    const kind = text(req.query.kind, 20);
    const status = text(req.query.status, 20);
    const mails = await listMails(deps.db, {
      ...(text(req.query.roundId, 40) ? { roundId: text(req.query.roundId, 40)! } : {}),
      ...(text(req.query.code, 10) ? { code: text(req.query.code, 10)! } : {}),
      ...(kind === 'credentials' || kind === 'reminder' ? { kind: kind as MailKind } : {}),
      ...(status && ['pending', 'sending', 'sent', 'failed', 'cancelled'].includes(status) ? { status: status as MailStatus } : {}),
    });
    res.json({ transport: { kind: rt.transport.kind, description: rt.transport.description }, mails });
  });

  router.post('/api/admin/mails/deliver', ...admin, async (req, res) => {
    res.json({ delivery: await deliverMails(rt.deliveryDeps(), { actorId: currentUser(req)!.id }) });
  });

  return router;
}
