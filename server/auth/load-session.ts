import type { RequestHandler } from 'express';
import { findSession } from '../../engine/workflows/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { setAuthState } from './auth-state.ts';
import { SESSION_COOKIE } from './cookies.ts';

/**
 * Middleware that reads the session cookie and, when it names a live session, records the user
 * for `currentUser(req)`. Unknown or expired cookies leave the request anonymous.
 * @param deps the app's dependencies
 * @returns the middleware
 */
export function loadSession(deps: AppDeps): RequestHandler {
  const wf = workflowDeps(deps);
  return async (req, _res, next) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token) {
      const found = await findSession(wf, token);
      if (found) setAuthState(req, { ...found, token });
    }
    next();
  };
}
