import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRounds, type Registry } from '../../engine/node.ts';

/** The repository's `schemas/` folder. */
export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

let cached: Promise<Registry> | undefined;

/**
 * Loads the repository's rounds once per test file.
 * @returns the registry
 */
export function testRegistry(): Promise<Registry> {
  cached ??= loadRounds(SCHEMAS_DIR);
  return cached;
}
