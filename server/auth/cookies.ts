import type { CookieOptions, Request } from 'express';
import type { ServerConfig } from '../config.ts';
import { SESSION_TTL_MS } from '../../engine/workflows/index.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'indberet_sid';
/** The cookie holding the CSRF token of requests without a session (the login form). */
export const ANON_CSRF_COOKIE = 'indberet_csrf';

/**
 * Cookie options: HttpOnly, SameSite=Lax, Secure behind TLS (or always/never by configuration).
 * @param req the request (to see whether it came over TLS)
 * @param config the service configuration
 * @param maxAge lifetime in ms
 * @returns the options
 */
export function cookieOptions(req: Request, config: ServerConfig, maxAge = SESSION_TTL_MS): CookieOptions {
  const secure = config.secureCookies === 'auto' ? req.secure : config.secureCookies;
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge };
}
