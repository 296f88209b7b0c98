/**
 * The HTTP service: the app factory, the dependencies it takes, and the auth middleware page
 * routers reuse (same sessions, same CSRF token: `X-CSRF-Token` header or `_csrf` form field).
 */
export { createApp } from './create-app.ts';
export { workflowDeps, type AppDeps } from './app-deps.ts';
export { loadConfig, type ConfigOverrides, type ServerConfig } from './config.ts';
export { AppError, ERRORS, fromFailure, renderMessage, type ErrorCode } from './errors.ts';
export { errorHandler } from './error-handler.ts';
export { etag, parseIfMatch } from './if-match.ts';
export { bodyObject, stringField } from './request-body.ts';
export { publicUser, type PublicUser } from './public-user.ts';
export { OPENAPI } from './openapi.ts';
export { qrSvgOf } from './qr-svg-of.ts';
export { ROUTERS } from './routers.ts';
export {
  ANON_CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  SESSION_COOKIE,
  authState,
  cookieOptions,
  csrfProtect,
  csrfToken,
  currentUser,
  loadSession,
  requireRole,
  requireUser,
  type AuthState,
} from './auth/index.ts';
export { startServer, type RunningServer } from './start-server.ts';
export { drainOnStop, type Drain, type DrainOptions } from './drain-on-stop.ts';
export { watchStoredRounds, type RoundWatch } from './watch-stored-rounds.ts';
