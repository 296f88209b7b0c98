import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';

/**
 * The HTML pages (login, forms, receipts); empty until the renderer fills it.
 * @param _deps the app's dependencies
 * @returns the router
 */
export function createPagesRouter(_deps: AppDeps): Router {
  return Router();
}
