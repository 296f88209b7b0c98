import type { RequestHandler } from 'express';
import { AppError } from '../errors.ts';
import { authState, currentUser } from './auth-state.ts';

/**
 * Middleware that refuses anonymous requests (401), and users who must first change a one-time
 * password (403) unless `allowPasswordChange` is set (the password and logout routes), and
 * sessions still waiting for their second factor unless `allowSecondFactor` is set (its own routes).
 * @param options whether a pending password change or second factor is allowed through
 * @returns the middleware
 */
export function requireUser(options: { allowPasswordChange?: boolean; allowSecondFactor?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const pending = authState(req)?.session.second_factor;
    // secondFactorGate stops these first; this holds should a route ever be mounted before it.
    if (pending && !options.allowSecondFactor) throw new AppError(pending === 'code' ? 'MFA_REQUIRED' : 'MFA_ENROLMENT_REQUIRED');
    if (user.must_change_password && !options.allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    next();
  };
}
