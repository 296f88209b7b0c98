import { Router } from 'express';
import { confirmTotpEnrolment, startTotpEnrolment, totpStatus, verifySecondFactor } from '../../engine/workflows/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { authState, clientInfo, loginThrottleOf, requireUser } from '../auth/index.ts';
import { fromFailure } from '../errors.ts';
import { publicUser } from '../public-user.ts';
import { bodyObject, stringField } from '../request-body.ts';

/**
 * The second factor by API: the code after the password, the user's own enrolment and its status.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createTotpRouter(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const signedIn = requireUser({ allowPasswordChange: true, allowSecondFactor: true });

  router.post('/api/auth/totp/verify', signedIn, async (req, res) => {
    const state = authState(req)!;
    const code = stringField(bodyObject(req), 'code', 40);
    const r = await verifySecondFactor(wf, { userId: state.user.id, token: state.token, code, ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) throw fromFailure(r);
    res.json({ user: await publicUser(deps.db, state.user), csrfToken: state.session.csrf_token, recoveryCode: r.recoveryCode, recoveryCodesLeft: r.recoveryCodesLeft });
  });

  router.get('/api/auth/totp', signedIn, async (req, res) => {
    res.json(await totpStatus(deps.db, authState(req)!.user.id));
  });

  router.post('/api/auth/totp/enrol', signedIn, async (req, res) => {
    const r = await startTotpEnrolment(wf, { userId: authState(req)!.user.id, issuer: deps.config.mfaIssuer });
    if (!r.ok) throw fromFailure(r);
    res.json({ secret: r.secret, uri: r.uri });
  });

  router.post('/api/auth/totp/confirm', signedIn, async (req, res) => {
    const state = authState(req)!;
    const code = stringField(bodyObject(req), 'code', 40);
    const r = await confirmTotpEnrolment(wf, { userId: state.user.id, token: state.token, code, ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) throw fromFailure(r);
    res.json({ recoveryCodes: r.recoveryCodes });
  });

  return router;
}
