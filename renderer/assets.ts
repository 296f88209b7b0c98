import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The renderer's own stylesheets. */
export const ASSETS_DIR = path.join(here, 'assets');
/** The client build's folder: `app-<hash>.js` with its `.br` and `.gz`, and `manifest.json` naming it. */
export const CLIENT_DIR = path.join(here, '..', 'dist', 'client');
/** What `npm run build` wrote; served, never built, by the server. */
export interface ClientManifest {
  /** The bundle's file name in {@link CLIENT_DIR}, named by its content hash. */
  readonly script: string;
}

let manifest: ClientManifest | null | undefined;

/**
 * The client build's manifest, read once (at start-up, by the static routes).
 * @returns the manifest, or null when the client has not been built
 */
export function clientManifest(): ClientManifest | null {
  if (manifest === undefined) {
    try {
      manifest = JSON.parse(readFileSync(path.join(CLIENT_DIR, 'manifest.json'), 'utf8')) as ClientManifest;
    } catch {
      manifest = null;
    }
  }
  return manifest;
}

/**
 * The address of the client bundle: named by its content hash, so it is cached for good.
 * @returns the path a page's script tag names
 */
export const clientScriptUrl = (): string => `/static/${clientManifest()?.script ?? 'app.js'}`;
/** The rounds' browser validators, by round hash: written by the build, and at run time for a round it did not see. */
export const VALIDATORS_CACHE_DIR = path.join(here, '..', 'dist', 'runder');
/** dkfds's compiled CSS, fonts and icons (the package exports only its script, which sits in dist/js). */
export const DKFDS_DIST = path.resolve(path.dirname(require.resolve('dkfds')), '..');
/** The receipt PDF's stylesheet, read once. */
export const RECEIPT_CSS = readFileSync(path.join(ASSETS_DIR, 'receipt.css'), 'utf8');
