import type { JsonSchema } from '../engine/index.ts';
import { schemaAt } from './schema-at.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Data paths a JSON-Logic expression reads with `var` (round data, `$…`, excluded). */
function varsOf(rule: unknown, out: string[] = []): string[] {
  if (Array.isArray(rule)) for (const r of rule) varsOf(r, out);
  else if (isObject(rule)) {
    for (const [op, arg] of Object.entries(rule)) {
      const name = op === 'var' ? (Array.isArray(arg) ? arg[0] : arg) : undefined;
      if (typeof name === 'string' && name !== '' && !name.startsWith('$')) out.push(name);
      else varsOf(arg, out);
    }
  }
  return out;
}

const get = (obj: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((cur, k) => (isObject(cur) ? cur[k] : undefined), obj);

/**
 * Whether an object's answer is known: given, or computed from values that are all given.
 * @param key the property
 * @param own the object's property schemas
 * @param obj the object's answers, computed values included
 * @param depth how many computed values deep this is (cycles stop at 10)
 * @returns true when known
 */
export function known(key: string, own: Record<string, unknown>, obj: Record<string, unknown>, depth = 0): boolean {
  if (obj[key] === undefined || obj[key] === null) return false;
  const prop = own[key];
  if (!isObject(prop) || prop.readOnly !== true || prop['x-compute'] === undefined || depth > 10) return true;
  // A computed answer (equal composition) is only an answer once the figures it is computed from are in.
  return varsOf(prop['x-compute']).every((v) => {
    const first = v.split('.')[0]!;
    return get(obj, v) !== undefined && (v.includes('.') || known(first, own, obj, depth + 1));
  });
}

/**
 * Fields of an object's `then`/`else` branches while the answer their condition asks about is
 * still missing. JSON Schema falls to `else` then (a "why not?" before the yes/no was answered, a
 * target before the figures show whether one is needed); the form waits and shows neither branch.
 * @param raw the object's schema as written (with `if`/`then`/`else`, `$ref`s resolved)
 * @param data the object's answers, computed values included
 * @returns the keys to hold back
 */
export function undecidedKeys(raw: JsonSchema | undefined, data: unknown): Set<string> {
  const out = new Set<string>();
  if (!raw || !isObject(raw.if)) return out;
  const required = Array.isArray(raw.if.required) ? (raw.if.required as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  const obj = isObject(data) ? data : {};
  const own = isObject(raw.properties) ? raw.properties : {};
  if (required.every((k) => known(k, own, obj))) return out;
  for (const branch of [raw.then, raw.else]) {
    if (isObject(branch) && isObject(branch.properties)) for (const k of Object.keys(branch.properties)) if (!(k in own)) out.add(k);
  }
  return out;
}

/**
 * Whether the field at a JSON Pointer sits in a branch the form holds back (see {@link undecidedKeys}),
 * so an issue about it would point at nothing on the page.
 * @param root the form schema
 * @param data the answers, computed values included
 * @param path the field's JSON Pointer
 * @returns true when some enclosing branch is still undecided
 */
export function isHeldBack(root: JsonSchema, data: unknown, path: string): boolean {
  const parts = path.split('/').slice(1);
  let node: unknown = data;
  for (let i = 0; i < parts.length; i++) {
    const pointer = parts.slice(0, i).length ? `/${parts.slice(0, i).join('/')}` : '';
    const key = (parts[i] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    if (isObject(node) && undecidedKeys(schemaAt(root, pointer), node).has(key)) return true;
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return false;
}
