import type { JsonSchema } from '../engine/index.ts';
import { resolveRef, schemaAt } from './schema-at.ts';
import { known } from './undecided-keys.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The answers as the page shows them: a computed value whose inputs are not all given yet is left
 * out, so its field reads "—" instead of a verdict ("Nej") or a total nobody typed. The answers
 * themselves are untouched; the engine computes the value again on every change.
 * @param root the form schema
 * @param data the answers, computed values included
 * @param pointer where `data` sits in the answers
 * @returns the same object when nothing is hidden, else a copy without the undecided values
 */
export function hideUnknownComputed(root: JsonSchema, data: unknown, pointer = ''): unknown {
  if (data === null || typeof data !== 'object' || root === null || typeof root !== 'object') return hide(root, data, pointer);
  // Answers are never changed in place, and a keystroke leaves every other part the same object
  // (renderer/reuse-unchanged.ts), so a part seen before at the same place has the same result.
  let seen = cache.get(root);
  if (!seen) cache.set(root, (seen = new WeakMap()));
  const hit = seen.get(data);
  if (hit && hit.pointer === pointer) return hit.out;
  const out = hide(root, data, pointer);
  seen.set(data, { pointer, out });
  return out;
}

/** Results by schema and answers object, with the place they were computed for. */
const cache = new WeakMap<object, WeakMap<object, { readonly pointer: string; readonly out: unknown }>>();

function hide(root: JsonSchema, data: unknown, pointer: string): unknown {
  if (Array.isArray(data)) {
    const out = data.map((d, i) => hideUnknownComputed(root, d, `${pointer}/${i}`));
    return out.some((d, i) => d !== data[i]) ? out : data;
  }
  if (!isObject(data)) return data;
  const schema = schemaAt(root, pointer);
  const props = isObject(schema?.properties) ? (schema.properties as Record<string, unknown>) : {};
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) own[k] = isObject(v) ? resolveRef(root, v as JsonSchema) : v;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(data)) {
    const prop = own[key];
    const computed = isObject(prop) && prop.readOnly === true && prop['x-compute'] !== undefined;
    if (computed && value !== undefined && !known(key, own, data)) {
      copy ??= { ...data };
      delete copy[key];
      continue;
    }
    if (isObject(value) || Array.isArray(value)) {
      const inner = hideUnknownComputed(root, value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (inner !== value) (copy ??= { ...data })[key] = inner;
    }
  }
  return copy ?? data;
}
