import { atPointer, refPointer } from '../local-ref.ts';
import type { JsonSchema } from '../types.ts';

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An object of a form reached by a data path: the raw schema nodes that declare its properties. */
export interface ObjectPosition {
  /** The object itself (its `$ref` followed), then its `allOf` members and `then`/`else` branches. */
  readonly parts: readonly JsonSchema[];
  /** The `$defs` pointers the path went through, each with how many `$ref`s in the form name it. */
  readonly shared: readonly { readonly pointer: string; readonly uses: number }[];
}

/** Splits a data path (`/a/*\/b`) into segments, unescaping JSON Pointer escapes. */
export const pathSegments = (path: string): string[] =>
  path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Counts the local `$ref`s in a document naming each pointer. */
function refUses(root: unknown): Map<string, number> {
  const uses = new Map<string, number>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      const p = refPointer(v.$ref);
      if (p !== undefined) uses.set(p, (uses.get(p) ?? 0) + 1);
      Object.values(v).forEach(walk);
    }
  };
  walk(root);
  return uses;
}

/**
 * Follows a node's local `$ref` chain to the raw node that holds the keywords, so an edit lands in
 * the definition itself and not in a merged copy. A node with keywords of its own beside `$ref`
 * that declare properties is kept as it is.
 */
function deref(root: JsonSchema, node: JsonSchema, crossed: string[]): JsonSchema {
  let cur = node;
  for (let i = 0; i < 32; i++) {
    const p = refPointer(cur.$ref);
    if (p === undefined || isObj(cur.properties)) return cur;
    const next = atPointer(root, p);
    if (!isObj(next)) return cur;
    crossed.push(p);
    cur = next;
  }
  return cur;
}

function partsOf(root: JsonSchema, node: JsonSchema, crossed: string[]): JsonSchema[] {
  const s = deref(root, node, crossed);
  const out = [s];
  if (Array.isArray(s.allOf)) for (const a of s.allOf) if (isObj(a)) out.push(...partsOf(root, a, crossed));
  for (const b of ['then', 'else'] as const) if (isObj(s[b])) out.push(...partsOf(root, s[b] as JsonSchema, crossed));
  return out;
}

/**
 * The object a data path names in a form schema, through `$ref`, `allOf`, conditional branches and
 * array items (`*`).
 * @param root the form's schema (mutable: the nodes returned are its own)
 * @param path the data path, `''` for the form's top
 * @returns the position, or undefined when the path names no object
 */
export function objectAt(root: JsonSchema, path: string): ObjectPosition | undefined {
  const crossed: string[] = [];
  let parts = partsOf(root, root, crossed);
  for (const seg of path === '' ? [] : pathSegments(path)) {
    let next: JsonSchema | undefined;
    if (seg === '*') {
      const items = parts.map((p) => p.items).find(isObj);
      next = items;
    } else {
      next = parts.map((p) => (isObj(p.properties) ? p.properties[seg] : undefined)).find(isObj);
    }
    if (!next) return undefined;
    parts = partsOf(root, next, crossed);
  }
  if (!parts.some((p) => isObj(p.properties) || p.type === 'object')) return undefined;
  const uses = refUses(root);
  return { parts, shared: crossed.map((pointer) => ({ pointer, uses: uses.get(pointer) ?? 0 })) };
}

/**
 * The ui schema's node for a data path (`*` becomes `items`), created on the way when asked.
 * @param ui the form's ui schema (mutable)
 * @param path the data path
 * @param create whether missing nodes are added
 * @returns the node, or undefined
 */
export function uiAt(ui: JsonSchema, path: string, create: boolean): JsonSchema | undefined {
  let cur = ui;
  for (const seg of path === '' ? [] : pathSegments(path)) {
    const key = seg === '*' ? 'items' : seg;
    if (!isObj(cur[key])) {
      if (!create) return undefined;
      cur[key] = {};
    }
    cur = cur[key] as JsonSchema;
  }
  return cur;
}

/**
 * A data path as the report spec writes it: dots between keys, `[]` after an array.
 * @param path `/units/*\/name`
 * @returns `units[].name`
 */
export function reportPath(path: string): string {
  let out = '';
  for (const seg of pathSegments(path)) out += seg === '*' ? '[]' : `${out === '' ? '' : '.'}${seg}`;
  return out;
}
