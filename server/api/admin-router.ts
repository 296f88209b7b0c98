import { Router } from 'express';
import { createUser, findForm, grantExtension, listSubmissions, reopen, resetTotp, sealAuditCheckpoint, verifyAuditChain } from '../../engine/workflows/index.ts';
import type { Role } from '../../engine/db/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { clientInfo, currentUser, requireRole, requireUser } from '../auth/index.ts';
import { AppError, fromFailure } from '../errors.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { publicUser } from '../public-user.ts';
import { bodyObject, stringField } from '../request-body.ts';
import { sendSubmission } from '../send-submission.ts';

/**
 * The ministry's routes: submission overview, reopen, extensions, users, audit verification.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createAdminRouter(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const admin = [requireUser(), requireRole('admin')];

  router.get('/api/admin/rounds/:roundId/forms/:formName/submissions', ...admin, async (req, res) => {
    const roundId = req.params.roundId as string;
    const formName = req.params.formName as string;
    if (!findForm(deps.registry, roundId, formName)) throw new AppError('FORM_NOT_FOUND', { roundId, formName });
    res.json({ submissions: await listSubmissions(deps.db, roundId, formName) });
  });

  router.post('/api/admin/submissions/:submissionId/reopen', ...admin, async (req, res) => {
    const ifMatch = parseIfMatch(req, false);
    const body = req.body === undefined ? {} : bodyObject(req);
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 1000) : undefined;
    const r = await reopen(wf, {
      submissionId: req.params.submissionId as string,
      actorId: currentUser(req)!.id,
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      ...(reason ? { reason } : {}),
    });
    if (!r.ok) throw fromFailure(r);
    sendSubmission(res, r.submission, r.answersText);
  });

  router.put('/api/admin/rounds/:roundId/forms/:formName/extensions/:code', ...admin, async (req, res) => {
    const body = bodyObject(req);
    const r = await grantExtension(wf, {
      roundId: req.params.roundId as string,
      formName: req.params.formName as string,
      code: req.params.code as string,
      until: stringField(body, 'until', 10),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      actorId: currentUser(req)!.id,
    });
    if (!r.ok) throw fromFailure(r);
    res.json({ extension: r.extension });
  });

  router.post('/api/admin/users', ...admin, async (req, res) => {
    const body = bodyObject(req);
    const role = stringField(body, 'role', 20) as Role;
    const r = await createUser(wf, {
      email: stringField(body, 'email', 254),
      navn: stringField(body, 'navn', 200),
      role,
      ...(typeof body.code === 'string' ? { code: body.code } : {}),
      actorId: currentUser(req)!.id,
    });
    if (!r.ok) throw fromFailure(r);
    // The one-time password is shown once, here, for the ministry to hand to the contact person.
    res.status(201).json({ user: await publicUser(deps.db, r.user), password: r.generatedPassword });
  });

  router.post('/api/admin/users/:userId/totp/reset', ...admin, async (req, res) => {
    const r = await resetTotp(wf, { userId: String(req.params.userId), actorId: currentUser(req)!.id, ...clientInfo(req) });
    if (!r.ok) throw fromFailure(r);
    res.json({ wasEnrolled: r.wasEnrolled });
  });

  router.get('/api/admin/audit/verify', ...admin, async (_req, res) => {
    // Sealing first makes the tips verified now part of the history a later tip reset cannot hide.
    await sealAuditCheckpoint(deps.db, workflowDeps(deps).clock().toISOString());
    res.json(await verifyAuditChain(deps.db));
  });

  return router;
}
