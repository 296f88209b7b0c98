import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import { authState } from './auth-state.ts';

/** The pages of the two steps a session may wait for. */
export const SECOND_FACTOR_PAGE = '/login/kode';
export const ENROLMENT_PAGE = '/totp';

// What a session waiting for a step may reach: that step, who am I, and the way out.
const COMMON = ['POST /logud', 'POST /api/auth/logout', 'GET /api/auth/me', 'GET /api/auth/csrf'];
const ALLOWED = {
  code: new Set([...COMMON, `GET ${SECOND_FACTOR_PAGE}`, `POST ${SECOND_FACTOR_PAGE}`, 'POST /api/auth/totp/verify']),
  enrol: new Set([...COMMON, `GET ${ENROLMENT_PAGE}`, `POST ${ENROLMENT_PAGE}`, 'POST /api/auth/totp/enrol', 'POST /api/auth/totp/confirm', 'GET /api/auth/totp']),
} as const;

/**
 * Middleware that holds a session opened by a password until its second step is done: it reaches
 * only that step's routes, the style sheets and the way out. The API answers 401 `MFA_REQUIRED`
 * or 403 `MFA_ENROLMENT_REQUIRED`; a page request is sent to the step's page. Placed right after
 * loadSession, so every router behind it, present and future, is covered.
 * @returns the middleware
 */
export function secondFactorGate(): RequestHandler {
  return (req, res, next) => {
    const pending = authState(req)?.session.second_factor;
    if (!pending) return next();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (ALLOWED[pending].has(`${method} ${req.path}`)) return next();
    if (method === 'GET' && req.path.startsWith('/static/')) return next();
    if (req.path.startsWith('/api/')) throw new AppError(pending === 'code' ? 'MFA_REQUIRED' : 'MFA_ENROLMENT_REQUIRED');
    res.redirect(303, pending === 'code' ? SECOND_FACTOR_PAGE : ENROLMENT_PAGE);
  };
}
