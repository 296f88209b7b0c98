import type { RequestHandler } from 'express';
import type { Role } from '../../engine/db/index.ts';
import { AppError } from '../errors.ts';
import { authState, currentUser } from './auth-state.ts';

/**
 * Middleware that lets only the given roles through (401 when anonymous, 403 otherwise). Place
 * after requireUser, or alone: it also refuses anonymous requests.
 * @param roles the roles allowed
 * @returns the middleware
 * @example
 * router.get('/api/admin/x', requireUser(), requireRole('admin'), handler);
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = currentUser(req);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const pending = authState(req)?.session.second_factor;
    if (pending) throw new AppError(pending === 'code' ? 'MFA_REQUIRED' : 'MFA_ENROLMENT_REQUIRED');
    if (!roles.includes(user.role)) throw new AppError('FORBIDDEN');
    next();
  };
}
