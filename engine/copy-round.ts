import { cp, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readRoundFolder } from './read-round-folder.ts';
import { copyRoundSources, ROUND_ID } from './rounds/copy-round-sources.ts';

/** Raised when a copy would overwrite or has nothing to copy. */
export class CopyRoundError extends Error {}

/**
 * Copies a round folder to start next year's round: the same forms and tables, moved on as
 * {@link copyRoundSources} moves them (id, years, dates, the year in every title and description,
 * Danish and `x-en`, every schema `$id`, `forrigeRunde` naming the source), the same as the
 * admin pages' copy.
 * @param schemasDir the folder holding the rounds
 * @param fromId the round to copy, e.g. `2024`
 * @param toId the new round, e.g. `2025`
 * @returns the new round folder
 */
export async function copyRound(schemasDir: string, fromId: string, toId: string): Promise<string> {
  const from = path.join(schemasDir, fromId);
  const to = path.join(schemasDir, toId);
  if (!ROUND_ID.test(toId)) throw new CopyRoundError(`ugyldigt runde-id "${toId}"`);
  if (!(await stat(path.join(from, 'round.json')).catch(() => null))) throw new CopyRoundError(`runden ${fromId} findes ikke`);
  if (await stat(to).catch(() => null)) throw new CopyRoundError(`runden ${toId} findes allerede`);
  const sources = await readRoundFolder(from);
  let copied: Record<string, string>;
  try {
    copied = copyRoundSources(sources, fromId, toId);
  } catch (e) {
    throw new CopyRoundError(`runden ${fromId} kan ikke kopieres: ${(e as Error).message}`);
  }
  // The whole folder first, so a file the round reader does not know still comes along.
  await cp(from, to, { recursive: true, errorOnExist: true, force: false });
  for (const [name, text] of Object.entries(copied)) if (text !== sources[name]) await writeFile(path.join(to, name), text);
  return to;
}
