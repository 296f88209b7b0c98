import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { ASSETS_DIR, CLIENT_BUNDLE, DKFDS_DIST } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';

/**
 * Static files: dkfds's CSS, fonts and icons, the renderer's stylesheet and the client bundle
 * (built once by `npm run build`; a missing bundle is logged, not built here).
 * @param deps the app's dependencies
 * @returns the router
 */
export function createStaticRoutes(deps: AppDeps): Router {
  const router = Router();
  const day = { maxAge: '1d', index: false, fallthrough: false } as const;
  router.use('/static/dkfds', express.static(DKFDS_DIST, day));
  router.get('/static/indberet.css', (_req, res) => res.sendFile(path.join(ASSETS_DIR, 'indberet.css'), { maxAge: '1h' }));
  if (!existsSync(CLIENT_BUNDLE)) deps.logger.warn({ bundle: CLIENT_BUNDLE }, 'client bundle missing: run npm run build');
  router.get('/static/app.js', (_req, res) => res.sendFile(CLIENT_BUNDLE, { maxAge: '1h' }));
  return router;
}
