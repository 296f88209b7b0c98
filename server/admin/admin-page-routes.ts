import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { createBoardRoutes } from './board-routes.ts';
import { createContactListRoutes } from './contact-list-routes.ts';
import { createMunicipalityRoutes } from './municipality-routes.ts';
import { createOutboxRoutes } from './outbox-routes.ts';
import { createSecurityRoutes } from './security-routes.ts';
import { createUsersRoutes } from './users-routes.ts';

/**
 * The ministry's HTML pages: the board, one municipality, the contact list, the outbox and the ministry's users. Every
 * action is a plain form post with the CSRF token; its outcome is shown on the next page.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createAdminPageRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  router.use(createContactListRoutes(deps, rt));
  router.use(createBoardRoutes(deps, rt));
  router.use(createMunicipalityRoutes(deps, rt));
  router.use(createOutboxRoutes(deps, rt));
  router.use(createSecurityRoutes(deps, rt));
  router.use(createUsersRoutes(deps, rt));
  return router;
}
