import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { newSecret } from '../../engine/workflows/index.ts';
import type { ServerConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { authState } from './auth-state.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, cookieOptions } from './cookies.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Header JSON clients send the token in. */
export const CSRF_HEADER = 'x-csrf-token';
/** Form field HTML forms send the token in. */
export const CSRF_FIELD = '_csrf';

/**
 * The CSRF token to embed in a page or hand to a JSON client: the session's own token, or for an
 * anonymous visitor (the login form) a random token also set as an HttpOnly cookie (double submit).
 * @param req the request
 * @param res the response (to set the anonymous cookie)
 * @param config the service configuration
 * @returns the token
 */
export function csrfToken(req: Request, res: Response, config: ServerConfig): string {
  const state = authState(req);
  if (state) return state.session.csrf_token;
  const existing: unknown = req.cookies?.[ANON_CSRF_COOKIE];
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  const token = newSecret();
  res.cookie(ANON_CSRF_COOKIE, token, cookieOptions(req, config, 2 * 60 * 60_000));
  req.cookies = { ...(req.cookies ?? {}), [ANON_CSRF_COOKIE]: token };
  return token;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Middleware that refuses every state-changing request (not GET/HEAD/OPTIONS) whose token, sent as
 * the `X-CSRF-Token` header or a `_csrf` form field, does not match the session's (or, without a
 * session, the anonymous cookie's). The app applies it to all routes.
 * @returns the middleware
 */
export function csrfProtect(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const expected: unknown = authState(req)?.session.csrf_token ?? req.cookies?.[ANON_CSRF_COOKIE];
    const header = req.get(CSRF_HEADER);
    const field: unknown = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const sent = header ?? (typeof field === 'string' ? field : undefined);
    if (typeof expected === 'string' && expected && sent && same(sent, expected)) return next();
    // A session cookie that no longer names a session (expired, logged out elsewhere) is told to
    // log in again rather than shown a puzzling security error; nothing is changed either way.
    if (!authState(req) && req.cookies?.[SESSION_COOKIE] && !req.cookies?.[ANON_CSRF_COOKIE]) throw new AppError('UNAUTHENTICATED');
    throw new AppError('CSRF_INVALID');
  };
}
