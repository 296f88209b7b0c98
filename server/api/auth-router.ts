import { Router } from 'express';
import { changePassword, login, logout, MFA_ROLES } from '../../engine/workflows/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, authState, cookieOptions, csrfToken, clientInfo, loginThrottleOf, requireUser } from '../auth/index.ts';
import { AppError, fromFailure } from '../errors.ts';
import { publicUser } from '../public-user.ts';
import { bodyObject, stringField } from '../request-body.ts';

/**
 * Login, logout, password change, the current user and the CSRF token.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createAuthRouter(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);

  router.get('/api/auth/csrf', (req, res) => {
    res.json({ csrfToken: csrfToken(req, res, deps.config) });
  });

  router.post('/api/auth/login', async (req, res) => {
    const body = bodyObject(req);
    const r = await login(
      wf,
      { email: stringField(body, 'email', 254), password: stringField(body, 'password', 1000), mfaRoles: deps.config.mfaRequired ? MFA_ROLES : [], ...clientInfo(req) },
      loginThrottleOf(deps),
    );
    if (!r.ok) throw fromFailure(r);
    res.cookie(SESSION_COOKIE, r.token, cookieOptions(req, deps.config));
    res.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
    // With `secondFactor` set the session reaches only that step's routes (secondFactorGate).
    res.json({ user: await publicUser(deps.db, r.user), csrfToken: r.csrfToken, secondFactor: r.secondFactor });
  });

  router.post('/api/auth/logout', async (req, res) => {
    const state = authState(req);
    if (state) await logout(wf, state.token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/auth/me', requireUser({ allowPasswordChange: true, allowSecondFactor: true }), async (req, res) => {
    const state = authState(req)!;
    res.json({ user: await publicUser(deps.db, state.user), csrfToken: state.session.csrf_token, secondFactor: state.session.second_factor });
  });

  router.post('/api/auth/password', requireUser({ allowPasswordChange: true }), async (req, res) => {
    const state = authState(req)!;
    const body = bodyObject(req);
    const current = body.current;
    const next = body.next;
    if (typeof current !== 'string') throw new AppError('INVALID_INPUT', { field: 'current' });
    if (typeof next !== 'string' || next.length > 1000) throw new AppError('INVALID_INPUT', { field: 'next' });
    const r = await changePassword(wf, { userId: state.user.id, keepToken: state.token, current, next, ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) throw fromFailure(r);
    res.status(204).end();
  });

  return router;
}
