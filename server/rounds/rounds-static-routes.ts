import { Router } from 'express';
import type { Round } from '../../engine/index.ts';
import { editorScript, roundsCss, ROUNDS_CSS, ROUNDS_SCRIPT } from '../../renderer/admin/index.ts';
import { precompress, roundPageData, VALIDATORS_CACHE_DIR, type Precompressed } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { IMMUTABLE } from '../pages/static-routes.ts';
import { sendPrecompressed } from '../pages/send-precompressed.ts';
import { createRoundValidators } from './round-validators.ts';

/** Where the browser finds a round's validators: the current version, briefly cached. */
export const VALIDATORS_PATH = '/static/runder/:roundId/validators.js';
const VERSIONED_PATH = '/static/runder/:roundId/:file';
const HASH_CHARS = 16;

/**
 * The address a form page loads its round's validators from: named by the round's content hash,
 * so it can be cached for good and a changed round gets a new address.
 * @param round the round
 * @returns the path
 */
export const validatorsUrl = (round: Pick<Round, 'id' | 'hash'>): string =>
  `/static/runder/${encodeURIComponent(round.id)}/validators-${round.hash.slice(0, HASH_CHARS)}.js`;

/**
 * The address of what every form page of a round shares (schemas, round data, tables), named by
 * the round's content hash like its validators.
 * @param round the round
 * @returns the path
 */
export const roundDataUrl = (round: Pick<Round, 'id' | 'hash'>): string =>
  `/static/runder/${encodeURIComponent(round.id)}/side-${round.hash.slice(0, HASH_CHARS)}.json`;

/**
 * The round pages' stylesheet and script, and every round's browser validators, generated at run
 * time when no cache holds them (see {@link createRoundValidators}); generation starts for every
 * loaded round once the service runs, so the first form page seldom waits.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsStaticRoutes(deps: AppDeps): Router {
  const router = Router();
  const validators = createRoundValidators({ registry: deps.registry, db: deps.db, cacheDir: VALIDATORS_CACHE_DIR, logger: deps.logger });
  // After the current start-up work, so listening and the first requests are not held up.
  setTimeout(() => void validators.warm(), 0).unref();
  router.get(ROUNDS_CSS, async (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=3600').send(await roundsCss());
  });
  router.get(ROUNDS_SCRIPT, async (_req, res) => {
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(await editorScript());
  });
  router.get(VALIDATORS_PATH, async (req, res, next) => {
    const found = await validators.get(String(req.params.roundId));
    if (!found) return next();
    sendPrecompressed(req, res, found.file, 'js', 'public, max-age=60');
  });
  const shared = new Map<string, Promise<Precompressed>>();
  router.get(VERSIONED_PATH, async (req, res, next) => {
    const round = deps.registry.round(String(req.params.roundId));
    // Only the round's current version: an old address must not be answered with new data.
    if (!round) return next();
    if (req.path === roundDataUrl(round)) {
      let file = shared.get(round.hash);
      if (!file) shared.set(round.hash, (file = precompress(JSON.stringify(roundPageData(round)))));
      return sendPrecompressed(req, res, await file, 'json', IMMUTABLE);
    }
    if (req.path !== validatorsUrl(round)) return next();
    const found = await validators.get(round.id);
    if (!found || found.hash !== round.hash) return next();
    sendPrecompressed(req, res, found.file, 'js', IMMUTABLE);
  });
  return router;
}
