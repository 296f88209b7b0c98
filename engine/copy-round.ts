import { cp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { shiftRoundTexts } from './shift-round-texts.ts';

const shiftYear = (date: string, years: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February moves to 28 February in a year without it.
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** Raised when a copy would overwrite or has nothing to copy. */
export class CopyRoundError extends Error {}

/**
 * Copies a round folder to start next year's round: the same forms and tables, the id, years, dates
 * and the year in every title and description (Danish and `x-en`) moved on, every schema `$id`
 * pointing at the new folder, and `forrigeRunde` naming the source.
 * @param schemasDir the folder holding the rounds
 * @param fromId the round to copy, e.g. `2024`
 * @param toId the new round, e.g. `2025`
 * @returns the new round folder
 */
export async function copyRound(schemasDir: string, fromId: string, toId: string): Promise<string> {
  const from = path.join(schemasDir, fromId);
  const to = path.join(schemasDir, toId);
  if (!/^[0-9]{4}(-[a-z0-9]+)*$/.test(toId)) throw new CopyRoundError(`ugyldigt runde-id "${toId}"`);
  if (!(await stat(path.join(from, 'round.json')).catch(() => null))) throw new CopyRoundError(`runden ${fromId} findes ikke`);
  if (await stat(to).catch(() => null)) throw new CopyRoundError(`runden ${toId} findes allerede`);
  await cp(from, to, { recursive: true, errorOnExist: true, force: false });

  const years = Number(toId.slice(0, 4)) - Number(fromId.slice(0, 4));
  // Every localised text moves on with the title, or the English pages would name last year.
  const round = shiftRoundTexts(JSON.parse(await readFile(path.join(to, 'round.json'), 'utf8')) as Record<string, unknown>, fromId.slice(0, 4), toId.slice(0, 4));
  round.id = toId;
  for (const key of ['aar', 'indberetningsaar']) if (typeof round[key] === 'number') round[key] = (round[key] as number) + years;
  if (round.datoer && typeof round.datoer === 'object') {
    for (const [k, v] of Object.entries(round.datoer)) if (typeof v === 'string') (round.datoer as Record<string, string>)[k] = shiftYear(v, years);
  }
  round.forrigeRunde = fromId;
  await writeFile(path.join(to, 'round.json'), `${JSON.stringify(round, null, 2)}\n`);

  for (const file of await readdir(to)) {
    if (!file.endsWith('.schema.json')) continue;
    const schema = JSON.parse(await readFile(path.join(to, file), 'utf8')) as Record<string, unknown>;
    if (typeof schema.$id === 'string') schema.$id = schema.$id.replace(`/${fromId}/`, `/${toId}/`);
    await writeFile(path.join(to, file), `${JSON.stringify(schema, null, 2)}\n`);
  }
  return to;
}
