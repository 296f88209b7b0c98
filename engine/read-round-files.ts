import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRoundFiles } from './parse-round-files.ts';
import type { LintIssue, RoundFiles } from './round-files.ts';

/**
 * Reads a round folder (round.json, forms, tables and any other files beside them).
 * @param dir the round folder, e.g. `schemas/2024`
 * @returns the files, or the problems that stopped reading them
 */
export async function readRoundFiles(dir: string): Promise<{ files?: RoundFiles; issues: LintIssue[] }> {
  const sources: Record<string, string> = {};
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.isFile() && /\.(json|csv|hbs)$/.test(e.name)) sources[e.name] = await readFile(path.join(dir, e.name), 'utf8');
  }
  return parseRoundFiles(path.basename(path.resolve(dir)), sources, (f) => path.join(dir, f));
}
