import { followLocalRef } from './local-ref.ts';
import type { JsonSchema } from './types.ts';

/** A data field of a form, flattened: array items appear as `*` in the path. */
export interface Field {
  /** e.g. `/units/*\/target/year` */
  readonly path: string;
  /** The property's schema with a local `$ref` resolved and merged under the property's own keywords. */
  readonly schema: JsonSchema;
  /** Always required, required only in a taken branch, or optional. */
  readonly required: 'always' | 'conditional' | 'never';
  /** Whether the field sits in an `if`/`then`/`else` branch. */
  readonly conditional: boolean;
  /** Whether the field is computed (`x-compute`), so never answered. */
  readonly computed: boolean;
  /** Whether answers live below it (an object or an array of objects). */
  readonly container: boolean;
  /** The field's path in the previous round when it differs: its own `x-lineage.previous`, or its renamed parent's path followed down. */
  readonly previous?: string;
}

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

const resolve = (root: JsonSchema, schema: JsonSchema): JsonSchema => followLocalRef(root, schema);

/** The parts of an object schema that apply together: itself, its allOf, and its branches. */
function parts(root: JsonSchema, schema: JsonSchema, branch = false): { schema: JsonSchema; branch: boolean }[] {
  const s = resolve(root, schema);
  const out = [{ schema: s, branch }];
  if (Array.isArray(s.allOf)) for (const a of s.allOf) if (isObj(a)) out.push(...parts(root, a, branch));
  for (const b of ['then', 'else'] as const) if (isObj(s[b])) out.push(...parts(root, s[b] as JsonSchema, true));
  return out;
}

/**
 * Lists every data field of a form schema, depth first in declaration order.
 * @param root the form's root schema
 * @returns the fields
 */
export function listFields(root: JsonSchema): Field[] {
  const fields: Field[] = [];
  // `prev` is where this level lived in the previous round: a renamed object takes its children along.
  const visit = (schema: JsonSchema, path: string, conditional: boolean, prev: string): void => {
    const ps = parts(root, schema);
    const always = new Set<string>();
    const sometimes = new Set<string>();
    for (const p of ps) {
      for (const r of Array.isArray(p.schema.required) ? (p.schema.required as string[]) : []) (p.branch ? sometimes : always).add(r);
    }
    const seen = new Set<string>();
    for (const p of ps) {
      const props = isObj(p.schema.properties) ? p.schema.properties : {};
      for (const [key, raw] of Object.entries(props)) {
        if (seen.has(key) || !isObj(raw)) continue;
        seen.add(key);
        const sub = resolve(root, raw);
        const childPath = `${path}/${esc(key)}`;
        const items = isObj(sub.items) ? resolve(root, sub.items as JsonSchema) : undefined;
        const objectLike = isObj(sub.properties) || sub.if !== undefined || Array.isArray(sub.allOf);
        const itemsObjectLike = items !== undefined && (isObj(items.properties) || items.if !== undefined);
        const own = isObj(sub['x-lineage']) ? sub['x-lineage'].previous : undefined;
        const childPrev = typeof own === 'string' ? own : `${prev}/${esc(key)}`;
        const lineage = childPrev !== childPath ? childPrev : undefined;
        fields.push({
          path: childPath,
          schema: sub,
          required: always.has(key) ? 'always' : sometimes.has(key) ? 'conditional' : 'never',
          conditional: conditional || p.branch,
          computed: 'x-compute' in sub,
          container: objectLike || itemsObjectLike,
          ...(typeof lineage === 'string' ? { previous: lineage } : {}),
        });
        if (objectLike) visit(sub, childPath, conditional || p.branch, childPrev);
        else if (items && itemsObjectLike) visit(items, `${childPath}/*`, conditional || p.branch, `${childPrev}/*`);
      }
    }
  };
  visit(root, '', false, '');
  return fields;
}
