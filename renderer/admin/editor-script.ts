import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The round pages' stylesheet. */
export const ROUNDS_CSS_FILE = path.join(here, 'assets', 'rounds.css');

let script: Promise<string> | undefined;

/**
 * The round pages' browser script, bundled from `client/editor.ts` once per process (the first
 * time an admin page asks for it; a few milliseconds) and then served from memory.
 * @returns the script's text
 */
export function editorScript(): Promise<string> {
  // esbuild is loaded with the first admin page's script, not when the service starts.
  script ??= import('esbuild').then(({ build }) => build({
    entryPoints: [path.join(here, 'client', 'editor.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  })).then(
    (r) => r.outputFiles[0]!.text,
    (e: unknown) => {
      script = undefined;
      throw e;
    },
  );
  return script;
}

/**
 * The round pages' stylesheet text.
 * @returns the CSS
 */
export function roundsCss(): Promise<string> {
  return readFile(ROUNDS_CSS_FILE, 'utf8');
}
