import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A template or partial read from disk. */
export interface TemplateSource {
  readonly name: string;
  readonly file: string;
  readonly source: string;
  readonly partial: boolean;
}

/** The folder of the shared templates that ship with the product. */
export const SHARED_TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

/**
 * The template folders for a round, later ones overriding earlier ones by name: the shared
 * templates, then the round's own `schemas/<round>/templates/`.
 * @param schemasDir e.g. `schemas`
 * @param roundId e.g. `2024`
 * @returns the folders in override order
 */
export function templateDirs(schemasDir: string, roundId: string): string[] {
  return [SHARED_TEMPLATE_DIR, path.join(schemasDir, roundId, 'templates')];
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.hbs')).sort();
  } catch {
    return []; // a round without its own templates is the normal case
  }
}

/**
 * Reads `*.hbs` templates and `partials/*.hbs` from each folder; a later folder's file replaces an
 * earlier one of the same name, so a round can override a shared template or add its own.
 * @param dirs folders in override order
 * @returns the sources, one per name
 */
export async function readTemplateFiles(dirs: readonly string[]): Promise<TemplateSource[]> {
  const byKey = new Map<string, TemplateSource>();
  for (const dir of dirs) {
    for (const [sub, partial] of [['', false], ['partials', true]] as const) {
      const folder = path.join(dir, sub);
      for (const f of await list(folder)) {
        const file = path.join(folder, f);
        const name = f.slice(0, -'.hbs'.length);
        byKey.set(`${partial}:${name}`, { name, file, source: await readFile(file, 'utf8'), partial });
      }
    }
  }
  return [...byKey.values()];
}
