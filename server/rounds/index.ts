/**
 * Next year's round without code changes: the ministry's round pages and JSON routes (copy, edit
 * with lint as you type and a live preview, upload/download, diff, dry run, publish), the browser
 * validators of rounds published at run time, and the respondent's confirmation of a prefilled draft.
 */
import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { createPrefillRoutes } from './prefill-routes.ts';
import { createRoundsApiRouter } from './rounds-api-router.ts';
import { createRoundsPagesRouter } from './rounds-pages-router.ts';
import { createRoundsStaticRoutes } from './rounds-static-routes.ts';

export { BUNDLE_FORMAT, createRoundsApiRouter } from './rounds-api-router.ts';
export { createRoundsPagesRouter } from './rounds-pages-router.ts';
export { createRoundsStaticRoutes, roundDataUrl, validatorsUrl, VALIDATORS_PATH } from './rounds-static-routes.ts';
export { cachedValidatorsFile, createRoundValidators, type RoundValidators, type ValidatorsModule } from './round-validators.ts';
export { confirmPrefillUrl, createPrefillRoutes, CONFIRM_PREFILL_PATH } from './prefill-routes.ts';
export { roundsDeps } from './rounds-deps.ts';
export { roundsError } from './rounds-error.ts';
export { lintEdit, formOfFile, type LintAnswer } from './lint-edit.ts';

/**
 * Everything this feature serves, as one router for `ROUTERS`.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(createRoundsStaticRoutes(deps));
  router.use(createRoundsApiRouter(deps));
  router.use(createRoundsPagesRouter(deps));
  router.use(createPrefillRoutes(deps));
  return router;
}
