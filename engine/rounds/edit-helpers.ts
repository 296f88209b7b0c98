import type { JsonSchema } from '../types.ts';
import type { RefusedEdit } from './round-edit.ts';

export const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A refusal with its Danish reason. */
export const refuse = (reason: string): RefusedEdit => Object.freeze({ ok: false as const, reason });

/** Files are written the way the editor and `round copy` write them: two spaces, a final newline. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A key the editor may give a field: what a person can type and a JSON Pointer and a template can carry unescaped. */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Parses one of the round's JSON files, or says in Danish why it cannot be.
 * @param sources the round's files
 * @param name the file
 * @returns the value, or a refusal
 */
export function parseFile(sources: Readonly<Record<string, string>>, name: string): { value: JsonSchema } | RefusedEdit {
  const text = sources[name];
  if (text === undefined) return refuse(`runden har ingen fil ${name}`);
  try {
    const value = JSON.parse(text) as unknown;
    return isObj(value) ? { value } : refuse(`${name} er ikke et JSON-objekt`);
  } catch (e) {
    return refuse(`${name} er ikke gyldig JSON (${(e as Error).message}); ret den i filredigeringen først`);
  }
}

/**
 * A form's schema and ui file names, by round.json's `forms` list.
 * @param settings round.json, parsed
 * @param form the form's name
 * @returns the file names, or a refusal
 */
export function formFileNames(settings: JsonSchema, form: string): { schema: string; ui?: string } | RefusedEdit {
  const forms = Array.isArray(settings.forms) ? settings.forms.filter(isObj) : [];
  const f = forms.find((x) => x.name === form);
  if (!f || typeof f.schema !== 'string') return refuse(`runden har ingen formular "${form}"`);
  return { schema: f.schema, ...(typeof f.ui === 'string' ? { ui: f.ui } : {}) };
}
