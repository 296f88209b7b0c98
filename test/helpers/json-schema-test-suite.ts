import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The suite's folder inside the project (a copy, so a clone alone runs the tests). */
export const TEST_SUITE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/json-schema-test-suite');

/** The two dialects the engine speaks, by the suite's folder names. */
export type SuiteDialect = 'draft7' | 'draft2020-12';

/** One case of the suite: a schema, a value and the standard's verdict. */
export interface SuiteCase {
  readonly file: string;
  readonly group: string;
  readonly description: string;
  readonly schema: unknown;
  readonly data: unknown;
  readonly valid: boolean;
}

/** One schema of the suite with its cases (a schema is compiled once for all of them). */
export interface SuiteGroup {
  readonly file: string;
  readonly description: string;
  readonly schema: unknown;
  readonly tests: readonly { readonly description: string; readonly data: unknown; readonly valid: boolean }[];
}

// Every file of both dialects; callers that assert formats leave 2020-12's format.json out (it
// expects format to be an annotation, the engine's `formats: 'annotate'`).
const LEFT_OUT: Record<SuiteDialect, readonly string[]> = { draft7: [], 'draft2020-12': [] };

/**
 * The suite's groups for one dialect, file by file.
 * @param dialect the suite folder
 * @returns every group but the files left out on purpose
 */
export function readTestSuite(dialect: SuiteDialect): SuiteGroup[] {
  const dir = path.join(TEST_SUITE_DIR, 'tests', dialect);
  const out: SuiteGroup[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    if (LEFT_OUT[dialect].includes(file)) continue;
    const groups = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<SuiteGroup, 'file'>[];
    for (const g of groups) out.push({ file, ...g });
  }
  return out;
}

/**
 * The documents the suite expects to be served at http://localhost:1234/, by URI, for one dialect
 * (the other dialect's folder is left out: its meta-schema is not this dialect's).
 * @param dialect the suite folder
 * @returns documents by their URI
 */
export function suiteRemotes(dialect: SuiteDialect): Record<string, unknown> {
  const root = path.join(TEST_SUITE_DIR, 'remotes');
  const other = dialect === 'draft7' ? 'draft2020-12' : 'draft7';
  const out: Record<string, unknown> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (rel === other) continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) out[`http://localhost:1234/${rel}`] = JSON.parse(readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return out;
}
