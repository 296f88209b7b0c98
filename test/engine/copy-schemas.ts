import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The project's schemas folder. */
export const SCHEMAS_DIR = path.resolve(import.meta.dirname, '../../schemas');

/**
 * Copies the schemas folder to a fresh temporary folder, for tests that edit round files.
 * @returns the copy's path
 */
export async function copySchemas(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'indberet-schemas-'));
  await cp(SCHEMAS_DIR, dir, { recursive: true });
  return dir;
}
