import { Router } from 'express';
import { createElement } from 'react';
import { listSecurityEvents } from '../../engine/workflows/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { SecurityPage } from './pages/SecurityPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

/**
 * The admin's page of recent security events.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createSecurityRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  router.get('/admin/sikkerhed', requireAdminPage(), async (req, res) => {
    const a = adminPageUser(req);
    const roundId = deps.registry.current()?.id ?? '';
    const events = await listSecurityEvents(deps.db, 200);
    sendPage(res, createElement(SecurityPage, { user: a.header, csrfToken: a.csrfToken, roundId, timeZone: rt.timeZone(roundId), events }));
  });
  return router;
}
