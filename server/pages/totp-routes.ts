import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import { confirmTotpEnrolment, MFA_ROLES, startTotpEnrolment, totpStatus, verifySecondFactor } from '../../engine/workflows/index.ts';
import { SecondFactorPage, TotpPage, type TotpPageView } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { authState, clientInfo, ENROLMENT_PAGE, loginThrottleOf, SECOND_FACTOR_PAGE, setRetryAfter, type AuthState } from '../auth/index.ts';
import { renderMessage } from '../errors.ts';
import { safeNext } from './login-routes.ts';
import { redirectToLogin } from './page-user.ts';
import { sendPage } from './send-page.ts';

const field = (req: Request, name: string, max: number): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

const statusOf = (code: string): number => (code === 'TOO_MANY_ATTEMPTS' ? 429 : code === 'INVALID_CODE' ? 401 : 409);

/**
 * The second factor as pages: the login's code step, and the user's own two-factor page where a
 * secret is enrolled (required of admins and analysts where `mfaRequired` is on, optional for
 * respondents) and the recovery codes are shown once.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createTotpRoutes(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  // After the second step the person goes on as after a password alone: to a pending password change first.
  const onward = (state: AuthState, next: string) => (state.user.must_change_password ? '/adgangskode' : next);

  router.get(SECOND_FACTOR_PAGE, (req, res) => {
    const state = authState(req);
    if (!state) return res.redirect(303, '/login');
    const next = safeNext(req.query.next);
    if (state.session.second_factor !== 'code') return res.redirect(303, onward(state, next));
    sendPage(res, createElement(SecondFactorPage, { csrfToken: state.session.csrf_token, user: { navn: state.user.navn }, ...(next !== '/' ? { next } : {}) }));
  });

  router.post(SECOND_FACTOR_PAGE, async (req, res) => {
    const state = authState(req);
    if (!state) return res.redirect(303, '/login');
    const next = safeNext(field(req, 'next', 2000));
    if (state.session.second_factor !== 'code') return res.redirect(303, onward(state, next));
    const r = await verifySecondFactor(wf, { userId: state.user.id, token: state.token, code: field(req, 'kode', 40), ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) {
      setRetryAfter(res, r.params);
      const props = { csrfToken: state.session.csrf_token, user: { navn: state.user.navn }, error: renderMessage(r.code, r.params ?? {}), ...(next !== '/' ? { next } : {}) };
      return sendPage(res, createElement(SecondFactorPage, props), statusOf(r.code));
    }
    res.redirect(303, onward(state, next));
  });

  const enrolPage = async (req: Request, res: Response, state: AuthState, error?: string, status = 200) => {
    const started = await startTotpEnrolment(wf, { userId: state.user.id, issuer: deps.config.mfaIssuer });
    let view: TotpPageView;
    if (started.ok) {
      const svg = deps.qrSvg ? await deps.qrSvg(started.uri) : undefined;
      const required = deps.config.mfaRequired && MFA_ROLES.includes(state.user.role);
      view = { kind: 'enrol', secret: started.secret, uri: started.uri, required, ...(svg ? { qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` } : {}), ...(error ? { error } : {}) };
    } else {
      view = { kind: 'enrolled', recoveryCodesLeft: (await totpStatus(deps.db, state.user.id)).recoveryCodesLeft };
    }
    sendPage(res, createElement(TotpPage, { csrfToken: state.session.csrf_token, user: { navn: state.user.navn }, view }), status);
  };

  router.get(ENROLMENT_PAGE, async (req, res) => {
    const state = authState(req);
    if (!state) return redirectToLogin(req, res);
    await enrolPage(req, res, state);
  });

  router.post(ENROLMENT_PAGE, async (req, res) => {
    const state = authState(req);
    if (!state) return res.redirect(303, '/login');
    const r = await confirmTotpEnrolment(wf, { userId: state.user.id, token: state.token, code: field(req, 'kode', 40), ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) {
      setRetryAfter(res, r.params);
      return enrolPage(req, res, state, renderMessage(r.code, r.params ?? {}), statusOf(r.code));
    }
    const view: TotpPageView = { kind: 'codes', recoveryCodes: r.recoveryCodes, next: onward(state, '/') };
    sendPage(res, createElement(TotpPage, { csrfToken: state.session.csrf_token, user: { navn: state.user.navn }, view }));
  });

  return router;
}
