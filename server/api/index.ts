/** The JSON API's routers, each a factory of `(deps) => Router` with full paths. */
import type { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { createAdminRouter } from './admin-router.ts';
import { createAuthRouter } from './auth-router.ts';
import { createHealthRouter } from './health-router.ts';
import { createReportsRouter } from './reports-router.ts';
import { createRoundsRouter } from './rounds-router.ts';
import { createSubmissionRouter } from './submission-router.ts';
import { createTotpRouter } from './totp-router.ts';

export { createAdminRouter, createAuthRouter, createHealthRouter, createReportsRouter, createRoundsRouter, createSubmissionRouter, createTotpRouter };

/** The API routers in mounting order. */
export const API_ROUTERS: ReadonlyArray<(deps: AppDeps) => Router> = [
  createHealthRouter,
  createAuthRouter,
  createTotpRouter,
  createRoundsRouter,
  createSubmissionRouter,
  createReportsRouter,
  createAdminRouter,
];
