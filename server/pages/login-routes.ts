import { Router, type Request } from 'express';
import { createElement } from 'react';
import { changePassword, login, logout, MFA_ROLES } from '../../engine/workflows/index.ts';
import { LoginPage, MessagePage, PasswordPage } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { ANON_CSRF_COOKIE, ENROLMENT_PAGE, SECOND_FACTOR_PAGE, SESSION_COOKIE, authState, cookieOptions, csrfToken, clientInfo, loginThrottleOf, setRetryAfter } from '../auth/index.ts';
import { renderMessage } from '../errors.ts';
import { sendPage } from './send-page.ts';

const field = (req: Request, name: string, max: number): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/** Only a path on this site may follow a login: no `//host` or scheme, so it cannot lead away. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/**
 * Login, logout and the one-time password change as HTML forms, through the same workflows,
 * cookies and CSRF tokens as the JSON API.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createLoginRoutes(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);

  router.get('/login', (req, res) => {
    if (authState(req)) return res.redirect(303, safeNext(req.query.next));
    const next = safeNext(req.query.next);
    sendPage(res, createElement(LoginPage, { csrfToken: csrfToken(req, res, deps.config), ...(next !== '/' ? { next } : {}) }));
  });

  router.post('/login', async (req, res) => {
    const email = field(req, 'email', 254);
    const next = safeNext(field(req, 'next', 2000));
    const mfaRoles = deps.config.mfaRequired ? MFA_ROLES : [];
    const r = await login(wf, { email, password: field(req, 'password', 1000), mfaRoles, ...clientInfo(req) }, loginThrottleOf(deps));
    if (!r.ok) {
      const status = r.code === 'TOO_MANY_ATTEMPTS' ? 429 : 401;
      setRetryAfter(res, r.params);
      return sendPage(
        res,
        createElement(LoginPage, {
          csrfToken: csrfToken(req, res, deps.config),
          email,
          error: renderMessage(r.code, r.params ?? {}),
          ...(next !== '/' ? { next } : {}),
        }),
        status,
      );
    }
    res.cookie(SESSION_COOKIE, r.token, cookieOptions(req, deps.config));
    res.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
    if (r.secondFactor === 'code') return res.redirect(303, next === '/' ? SECOND_FACTOR_PAGE : `${SECOND_FACTOR_PAGE}?next=${encodeURIComponent(next)}`);
    if (r.secondFactor === 'enrol') return res.redirect(303, ENROLMENT_PAGE);
    res.redirect(303, r.user.must_change_password ? '/adgangskode' : next);
  });

  router.post('/logud', async (req, res) => {
    const state = authState(req);
    if (state) await logout(wf, state.token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });

  router.get('/adgangskode', (req, res) => {
    const state = authState(req);
    if (!state) return res.redirect(303, '/login');
    sendPage(res, createElement(PasswordPage, { csrfToken: state.session.csrf_token, user: { navn: state.user.navn } }));
  });

  router.post('/adgangskode', async (req, res) => {
    const state = authState(req);
    if (!state) return res.redirect(303, '/login');
    const r = await changePassword(
      wf,
      { userId: state.user.id, keepToken: state.token, current: field(req, 'current', 1000), next: field(req, 'next', 1000), ...clientInfo(req) },
      loginThrottleOf(deps),
    );
    if (!r.ok) {
      setRetryAfter(res, r.params);
      return sendPage(
        res,
        createElement(PasswordPage, { csrfToken: state.session.csrf_token, user: { navn: state.user.navn }, error: renderMessage(r.code, r.params ?? {}) }),
        r.code === 'INVALID_CREDENTIALS' ? 401 : r.code === 'TOO_MANY_ATTEMPTS' ? 429 : 400,
      );
    }
    res.redirect(303, '/');
  });

  router.get('/tilgaengelighed', (_req, res) => {
    sendPage(
      res,
      createElement(MessagePage, {
        title: 'Tilgængelighedserklæring',
        text: 'Løsningen er bygget efter WCAG 2.1 niveau AA med Det Fælles Designsystem. Alle sider kan bruges med tastatur, og fejl vises både ved feltet og i en oversigt øverst på siden. Skriv til lige@lige.dk, hvis du oplever problemer.',
      }),
    );
  });

  return router;
}
