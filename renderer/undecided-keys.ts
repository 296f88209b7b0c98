import type { JsonSchema } from '../engine/index.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Fields of an object's `then`/`else` branches while the answer their condition asks about is
 * still missing. JSON Schema falls to `else` then (a "why not?" before the yes/no was answered);
 * the form waits for the answer and shows neither branch.
 * @param raw the object's schema as written (with `if`/`then`/`else`, `$ref`s resolved)
 * @param data the object's answers
 * @returns the keys to hold back
 */
export function undecidedKeys(raw: JsonSchema | undefined, data: unknown): Set<string> {
  const out = new Set<string>();
  if (!raw || !isObject(raw.if)) return out;
  const required = Array.isArray(raw.if.required) ? (raw.if.required as unknown[]) : [];
  const obj = isObject(data) ? data : {};
  if (!required.some((k) => typeof k === 'string' && (obj[k] === undefined || obj[k] === null))) return out;
  const own = isObject(raw.properties) ? raw.properties : {};
  for (const branch of [raw.then, raw.else]) {
    if (isObject(branch) && isObject(branch.properties)) for (const k of Object.keys(branch.properties)) if (!(k in own)) out.add(k);
  }
  return out;
}
