import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Subfolders whose files belong to a round: mail texts and report templates. */
export const ROUND_SUBFOLDERS: readonly string[] = Object.freeze(['mails', 'templates']);

/** File names a round may hold: JSON, CSV or Handlebars, at the top or in one of {@link ROUND_SUBFOLDERS}. */
const FILE_NAME = new RegExp(`^(?:(?:${ROUND_SUBFOLDERS.join('|')})/)?[A-Za-z0-9æøåÆØÅ_-][A-Za-z0-9æøåÆØÅ._-]{0,99}\\.(?:json|csv|hbs)$`);

/**
 * Whether a name is acceptable as a round file's name (`skema.schema.json`, `mails/adgang.hbs`).
 * @param name the name relative to the round folder
 * @returns true when it is
 */
export function isRoundFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}

/**
 * Reads every file of a round folder, its mail and template subfolders included, by relative name.
 * @param dir e.g. `schemas/2024`
 * @returns name → text; empty when the folder does not exist
 */
export async function readRoundFolder(dir: string): Promise<Record<string, string>> {
  const sources: Record<string, string> = {};
  for (const sub of ['', ...ROUND_SUBFOLDERS]) {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const name = sub ? `${sub}/${e.name}` : e.name;
      if (e.isFile() && isRoundFileName(name)) sources[name] = await readFile(path.join(dir, sub, e.name), 'utf8');
    }
  }
  return sources;
}
