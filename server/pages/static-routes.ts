import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router } from 'express';
import { ASSETS_DIR, CLIENT_DIR, clientManifest, clientScriptUrl, DKFDS_DIST, type Precompressed } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendPrecompressed } from './send-precompressed.ts';

/** A file whose name holds its content hash never changes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Static files: dkfds's CSS, fonts and icons, the renderer's stylesheet and the client bundle
 * (built once by `npm run build`, brotli and gzip beside it; a missing bundle is logged, not
 * built here). The bundle is served under its hashed name for good, and as `/static/app.js` for
 * an hour to pages rendered before a deploy.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createStaticRoutes(deps: AppDeps): Router {
  const router = Router();
  const day = { maxAge: '1d', index: false, fallthrough: false } as const;
  router.use('/static/dkfds', express.static(DKFDS_DIST, day));
  router.get('/static/indberet.css', (_req, res) => res.sendFile(path.join(ASSETS_DIR, 'indberet.css'), { maxAge: '1h' }));
  const manifest = clientManifest();
  if (!manifest) {
    deps.logger.warn({ dir: CLIENT_DIR }, 'client bundle missing: run npm run build');
    return router;
  }
  const file = path.join(CLIENT_DIR, manifest.script);
  let bundle: Promise<Precompressed> | undefined;
  // Read at the first page that asks, not at start-up; kept in memory from then on.
  const load = (): Promise<Precompressed> => {
    if (!bundle) {
      bundle = Promise.all([readFile(file), readFile(`${file}.br`), readFile(`${file}.gz`)]).then(([raw, br, gzip]) => ({ raw, br, gzip }));
      bundle.catch(() => (bundle = undefined));
    }
    return bundle;
  };
  router.get(clientScriptUrl(), async (req, res) => sendPrecompressed(req, res, await load(), 'js', IMMUTABLE));
  router.get('/static/app.js', async (req, res) => sendPrecompressed(req, res, await load(), 'js', 'public, max-age=3600'));
  return router;
}
