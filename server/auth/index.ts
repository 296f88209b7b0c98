/** Sessions, roles and CSRF: the same middleware serve the JSON API and the HTML pages. */
export { authState, currentUser, type AuthState } from './auth-state.ts';
export { ANON_CSRF_COOKIE, SESSION_COOKIE, cookieOptions } from './cookies.ts';
export { loadSession } from './load-session.ts';
export { requireUser } from './require-user.ts';
export { requireRole } from './require-role.ts';
export { CSRF_FIELD, CSRF_HEADER, csrfProtect, csrfToken } from './csrf-protect.ts';
export { loginThrottleOf } from './login-throttle-of.ts';
export { setRetryAfter } from './retry-after.ts';
export { clientInfo } from './client-info.ts';
export { ENROLMENT_PAGE, SECOND_FACTOR_PAGE, secondFactorGate } from './second-factor-gate.ts';
