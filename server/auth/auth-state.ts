import type { Request } from 'express';
import type { Session, User } from '../../engine/db/index.ts';

/** The logged-in user of a request, its session and the cookie token that named it. */
export interface AuthState {
  readonly user: User;
  readonly session: Session;
  readonly token: string;
}

// Kept beside the request rather than on it, so no global type augmentation is needed.
const states = new WeakMap<Request, AuthState>();

/**
 * Records the request's session (called by loadSession).
 * @param req the request
 * @param state the session and user
 */
export function setAuthState(req: Request, state: AuthState): void {
  states.set(req, state);
}

/**
 * The request's session, if a valid session cookie came with it.
 * @param req the request
 * @returns the state, or undefined for anonymous requests
 */
export function authState(req: Request): AuthState | undefined {
  return states.get(req);
}

/**
 * The logged-in user, if any.
 * @param req the request
 * @returns the user row, or undefined
 */
export function currentUser(req: Request): User | undefined {
  return states.get(req)?.user;
}
