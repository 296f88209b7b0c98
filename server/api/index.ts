/** The JSON API's routers, each a factory of `(deps) => Router` with full paths. */
import type { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { openApiRouter } from '../openapi.ts';
import { createAdminRouter } from './admin-router.ts';
import { createAuthRouter } from './auth-router.ts';
import { createHealthRouter } from './health-router.ts';
import { createReportsRouter } from './reports-router.ts';
import { createRoundsRouter } from './rounds-router.ts';
import { createSubmissionRouter } from './submission-router.ts';
import { createTotpRouter } from './totp-router.ts';

export { createAdminRouter, createAuthRouter, createHealthRouter, createReportsRouter, createRoundsRouter, createSubmissionRouter, createTotpRouter };

/** An API router and the path prefixes every one of its routes starts with. */
export interface ApiRouter {
  readonly create: (deps: AppDeps) => Router;
  /** A request whose path starts with none of these never enters the router. */
  readonly under: readonly string[];
}

/**
 * The API routers in mounting order. No two share a route's path, so the order decides only how
 * many routers a request walks: a router that has no route for it hands it on one event-loop turn
 * later, so the reports' own routes (saves and submits) come before the round's pages.
 */
export const API_ROUTERS: readonly ApiRouter[] = [
  { create: openApiRouter, under: ['/api/openapi.json'] },
  { create: createHealthRouter, under: ['/healthz'] },
  { create: createAuthRouter, under: ['/api/auth/'] },
  { create: createTotpRouter, under: ['/api/auth/totp'] },
  { create: createSubmissionRouter, under: ['/api/rounds/', '/api/submissions/'] },
  { create: createRoundsRouter, under: ['/api/rounds'] },
  { create: createReportsRouter, under: ['/api/rounds/'] },
  { create: createAdminRouter, under: ['/api/admin/'] },
];
