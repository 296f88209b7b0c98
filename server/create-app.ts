import { commonShell, shellOf } from '../renderer/index.ts';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import type { AppDeps } from './app-deps.ts';
import { API_ROUTERS } from './api/index.ts';
import { CONTACT_UPLOAD_LIMITS, CONTACT_UPLOAD_PATH } from './admin/index.ts';
import { csrfProtect, loadSession, secondFactorGate } from './auth/index.ts';
import { errorHandler } from './error-handler.ts';
import { multipartForm } from './multipart-form.ts';
import { notFound } from './not-found.ts';
import { inOrder } from './in-order.ts';
import { onlyUnder } from './only-under.ts';
import { refuseNul } from './refuse-nul.ts';
import { requestLogger } from './request-logger.ts';
import { ROUTERS } from './routers.ts';
import { privateNoStore } from './private-no-store.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * Builds the express app with no `listen` inside: security headers, body parsing with a size
 * limit, sessions from the database, CSRF on every state-changing request, the JSON API, the
 * routers in ROUTERS, then the 404 and the one error handler.
 * @param deps database, registry, logger, configuration and optionally a clock
 * @returns the app
 * @example
 * const app = createApp({ db, registry, logger, config: loadConfig(process.env) });
 * app.listen(3000);
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('json spaces', 0);
  // The page shell of pages outside any one round: read when a page is sent, since rounds
  // published in the admin pages join the registry while the service runs.
  Object.defineProperty(app.locals, 'shell', { get: () => commonShell(deps.registry.rounds.map((r) => shellOf(r.settings))) });
  // What every request passes through, as one layer.
  app.use(
    inOrder(
      securityHeaders(),
      ...(deps.config.logRequests ? [requestLogger(deps.logger)] : []),
      express.json({ limit: deps.config.bodyLimit, verify: refuseNul.json }),
      express.urlencoded({ extended: true, limit: deps.config.bodyLimit, verify: refuseNul.form }),
      cookieParser(),
      loadSession(deps),
      secondFactorGate(),
      privateNoStore(),
    ),
  );
  // The one upload a form sends without JavaScript: its fields (the CSRF token among them) are read first.
  app.post(CONTACT_UPLOAD_PATH, multipartForm(CONTACT_UPLOAD_LIMITS));
  app.use(csrfProtect());
  app.use(onlyUnder(API_ROUTERS.map((api) => ({ under: api.under, router: api.create(deps) }))));
  for (const factory of ROUTERS) app.use(factory(deps));
  app.use(notFound());
  app.use(errorHandler(deps.logger));
  return app;
}
