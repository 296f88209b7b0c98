import type { RequestHandler } from 'express';
import { currentUser } from './auth/index.ts';

/**
 * Marks every response to a logged-in user, and every API response, `Cache-Control: no-store`
 * unless the route says otherwise: a shared cache or the back button on a shared computer must
 * not keep a municipality's answers, a contact list or a round file. Public pages and static
 * files set their own caching after this.
 * @returns the middleware
 */
export function privateNoStore(): RequestHandler {
  return (req, res, next) => {
    // Static files are the same for everyone; their own max-age stands (send keeps a header already set).
    if (req.path.startsWith('/static/')) return next();
    if (currentUser(req) || req.path.startsWith('/api/')) {
      res.set('Cache-Control', 'no-store');
      // A cache that keys on the address alone would hand one user's page to the next.
      res.vary('Cookie');
    }
    next();
  };
}
