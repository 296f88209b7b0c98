import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { serverValidator } from '../../renderer/index.ts';
import { createFormRoutes } from './form-routes.ts';
import { createHomeRoute } from './home-route.ts';
import { createLoginRoutes } from './login-routes.ts';
import { createReceiptRoutes } from './receipt-routes.ts';
import { createStaticRoutes } from './static-routes.ts';
import { createTotpRoutes } from './totp-routes.ts';

export { PAGE_CSP, sendPage } from './send-page.ts';
export { formUrls, type FormUrls } from './form-urls.ts';
export { printPdf, DEFAULT_CHROMIUM, type PrintResult } from './print-pdf.ts';
export { safeNext } from './login-routes.ts';
export { redirectToLogin } from './page-user.ts';

/**
 * The HTML pages: login, the municipality's home, the form in steps, review, submit, receipt and
 * its PDF, plus their static files. Every page carries a strict CSP.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createPagesRouter(deps: AppDeps): Router {
  // The forms' conditions are compiled for server rendering now, at start-up, not in a request.
  for (const round of deps.registry.rounds) for (const form of round.forms.values()) serverValidator(form);
  const router = Router();
  router.use(createStaticRoutes(deps));
  router.use(createLoginRoutes(deps));
  router.use(createTotpRoutes(deps));
  router.use(createHomeRoute(deps));
  router.use(createFormRoutes(deps));
  router.use(createReceiptRoutes(deps));
  return router;
}
