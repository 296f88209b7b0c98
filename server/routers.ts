import type { Router } from 'express';
import type { AppDeps } from './app-deps.ts';
import { createPagesRouter } from './pages/index.ts';
import { createPublicRouter } from './public-routes.ts';
import { createRoundsRouter } from './rounds/index.ts';
import { createAdminRouter } from './admin/index.ts';

/**
 * Router factories mounted by createApp after the JSON API and before the 404 handler. Add one
 * import and one entry per feature; each receives the app's dependencies and returns a Router.
 */
export const ROUTERS: ReadonlyArray<(deps: AppDeps) => Router> = [createPagesRouter, createPublicRouter, createAdminRouter, createRoundsRouter];
