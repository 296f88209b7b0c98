import { Router } from 'express';
import type { MailSettings } from '../../engine/mail/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { createAdminApiRoutes } from './admin-api-routes.ts';
import { createAdminPageRoutes } from './admin-page-routes.ts';
import { createAdminRuntime, mailSettingsOf } from './admin-runtime.ts';
import { createSetPasswordRoutes } from './set-password-routes.ts';

export { createAdminRuntime, mailSettingsOf, type AdminRuntime } from './admin-runtime.ts';
export { boardFilterOf, MAX_UPLOAD } from './admin-api-routes.ts';
export { CONTACT_UPLOAD_LIMITS, CONTACT_UPLOAD_PATH, UPLOAD_SCRIPT } from './contact-list-routes.ts';
export { boardToCsv, boardToXlsx } from './board-export.ts';
export { noticeText, withNotice } from './notice-text.ts';
export { adminPageUser, requireAdminPage, type AdminPageUser } from './require-admin-page.ts';

/**
 * The ministry's administration of a round's first half: the board, contacts (template, import,
 * edits), credentials (send, resend, revoke), reminders and the outbox, as JSON routes and HTML
 * pages; and the page a credential mail's link opens.
 * @param deps the app's dependencies
 * @param settings mail settings (default: from the environment and the data folder)
 * @returns the router
 * @example
 * const ROUTERS = [createPagesRouter, createAdminRouter];
 */
export function createAdminRouter(deps: AppDeps, settings: MailSettings = mailSettingsOf(deps)): Router {
  const rt = createAdminRuntime(deps, settings);
  const router = Router();
  router.use(createAdminApiRoutes(deps, rt));
  router.use(createAdminPageRoutes(deps, rt));
  router.use(createSetPasswordRoutes(deps));
  return router;
}
