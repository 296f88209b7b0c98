import { shiftRoundTexts } from '../shift-round-texts.ts';

const shiftYear = (date: string, years: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // 29 February moves to 28 February in a year without it.
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Round ids: a year, optionally followed by a version such as `-2` (a correction). */
export const ROUND_ID = /^[0-9]{4}(-[a-z0-9]+)*$/;

/**
 * The files of a new round copied from another; the one implementation behind both the admin's
 * copy and `indberet round copy`. The id, `aar`/`indberetningsaar` and dates move on by the
 * difference in years; the year moves on in every text for people (each `title`, `description`
 * and string under `x-en`, in round.json and in every schema and ui file); every schema `$id`
 * points at the new round. `forrigeRunde` names the source, except for a correction within the
 * same year (`2025` → `2025-2`), which keeps the source's previous round: it replaces the source.
 * @param sources the source round's files, name → text
 * @param fromId the source round's id
 * @param toId the new round's id
 * @returns the new round's files (the same names)
 * @throws SyntaxError when round.json, a schema or a ui file is not JSON
 */
export function copyRoundSources(sources: Readonly<Record<string, string>>, fromId: string, toId: string): Record<string, string> {
  const out: Record<string, string> = { ...sources };
  const years = Number(toId.slice(0, 4)) - Number(fromId.slice(0, 4));
  const shift = <T>(value: T): T => shiftRoundTexts(value, fromId.slice(0, 4), toId.slice(0, 4));
  const round = shift(JSON.parse(sources['round.json'] ?? '{}') as Record<string, unknown>);
  round.id = toId;
  for (const key of ['aar', 'indberetningsaar']) if (typeof round[key] === 'number') round[key] = (round[key] as number) + years;
  if (round.datoer && typeof round.datoer === 'object') {
    for (const [k, v] of Object.entries(round.datoer)) if (typeof v === 'string') (round.datoer as Record<string, string>)[k] = shiftYear(v, years);
  }
  if (years !== 0 || round.forrigeRunde === undefined) round.forrigeRunde = fromId;
  out['round.json'] = json(round);
  for (const [name, text] of Object.entries(sources)) {
    if (name.endsWith('.ui.json')) out[name] = json(shift(JSON.parse(text) as unknown));
    if (!name.endsWith('.schema.json')) continue;
    const schema = shift(JSON.parse(text) as Record<string, unknown>);
    if (typeof schema.$id === 'string') schema.$id = schema.$id.replace(`/${fromId}/`, `/${toId}/`);
    out[name] = json(schema);
  }
  return out;
}
