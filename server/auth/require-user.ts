import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import { currentUser } from './auth-state.ts';

/**
 * Middleware that refuses anonymous requests (401), and users who must first change a one-time
 * password (403) unless `allowPasswordChange` is set (the password and logout routes).
 * @param options whether a pending password change is allowed through
 * @returns the middleware
 */
export function requireUser(options: { allowPasswordChange?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (user.must_change_password && !options.allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    next();
  };
}
