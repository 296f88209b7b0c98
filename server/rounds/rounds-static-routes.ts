import { Router } from 'express';
import { storedValidators } from '../../engine/rounds/index.ts';
import { editorScript, roundsCss, ROUNDS_CSS, ROUNDS_SCRIPT } from '../../renderer/admin/index.ts';
import type { AppDeps } from '../app-deps.ts';

/** Where the browser finds the validators of a round published at run time. */
export const VALIDATORS_PATH = '/static/runder/:roundId/validators.js';

/**
 * The round pages' stylesheet and script, and the browser validators of rounds published at run
 * time (generated at publish and kept in the database, so every instance serves the same module).
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsStaticRoutes(deps: AppDeps): Router {
  const router = Router();
  const modules = new Map<string, string>();
  router.get(ROUNDS_CSS, async (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=3600').send(await roundsCss());
  });
  router.get(ROUNDS_SCRIPT, async (_req, res) => {
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(await editorScript());
  });
  router.get(VALIDATORS_PATH, async (req, res, next) => {
    const roundId = String(req.params.roundId);
    let text = modules.get(roundId);
    if (!text) {
      const found = await storedValidators(deps.db, roundId);
      // A published round never changes, so its module is kept once read.
      if (found) modules.set(roundId, (text = found.text));
    }
    if (!text) return next();
    res.type('js').set('Cache-Control', 'public, max-age=3600').send(text);
  });
  return router;
}
