import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The renderer's own stylesheets. */
export const ASSETS_DIR = path.join(here, 'assets');
/** The client bundle `npm run build` writes; served, never built, by the server. */
export const CLIENT_BUNDLE = path.join(here, '..', 'dist', 'client', 'app.js');
/** The rounds' browser validators, by round hash: written by the build, and at run time for a round it did not see. */
export const VALIDATORS_CACHE_DIR = path.join(here, '..', 'dist', 'runder');
/** dkfds's compiled CSS, fonts and icons (the package exports only its script, which sits in dist/js). */
export const DKFDS_DIST = path.resolve(path.dirname(require.resolve('dkfds')), '..');
/** The receipt PDF's stylesheet, read once. */
export const RECEIPT_CSS = readFileSync(path.join(ASSETS_DIR, 'receipt.css'), 'utf8');
