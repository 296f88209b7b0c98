import path from 'node:path';
import { parseRoundFiles } from './parse-round-files.ts';
import { readRoundFolder } from './read-round-folder.ts';
import type { LintIssue, RoundFiles } from './round-files.ts';

/**
 * Reads a round folder (round.json, forms, tables, mail texts and report templates).
 * @param dir the round folder, e.g. `schemas/2024`
 * @returns the files, or the problems that stopped reading them
 */
export async function readRoundFiles(dir: string): Promise<{ files?: RoundFiles; issues: LintIssue[] }> {
  return parseRoundFiles(path.basename(path.resolve(dir)), await readRoundFolder(dir), (f) => path.join(dir, f));
}
