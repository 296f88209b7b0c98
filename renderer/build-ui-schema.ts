import type { JsonSchema } from '../engine/index.ts';
import { resolveRef } from './schema-at.ts';

const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Options for {@link buildUiSchema}. */
export interface BuildUiOptions {
  /** Top-level fields asked for on this page; the others are carried along but not shown. */
  readonly fields?: readonly string[];
  /** Page-specific ui settings (e.g. whether departments may be added), merged last. */
  readonly overrides?: JsonSchema;
}

/**
 * Deep-merges two ui schemas; `b` wins on conflicts.
 * @param a base
 * @param b overrides
 * @returns a new ui schema
 */
export function mergeUi(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(v) && isObject(out[k]) ? mergeUi(out[k] as JsonSchema, v) : v;
  return out;
}

function propertiesOf(root: JsonSchema, node: JsonSchema): Map<string, JsonSchema[]> {
  const out = new Map<string, JsonSchema[]>();
  const visit = (n: unknown): void => {
    if (!isObject(n)) return;
    const s = resolveRef(root, n);
    if (isObject(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) if (isObject(v)) out.set(k, [...(out.get(k) ?? []), resolveRef(root, v)]);
    }
    visit(s.then);
    visit(s.else);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) visit(b);
  };
  visit(node);
  return out;
}

function walk(root: JsonSchema, node: JsonSchema, ui: JsonSchema, depth: number): JsonSchema {
  const out: JsonSchema = { ...ui };
  if (Array.isArray(node['x-enumTitles']) && out['ui:enumNames'] === undefined) out['ui:enumNames'] = node['x-enumTitles'];
  if (node.readOnly === true && node['x-compute'] !== undefined && out['ui:widget'] !== 'hidden') out['ui:widget'] = 'computed';
  if (isObject(node.items)) {
    out.items = walk(root, resolveRef(root, node.items), (isObject(ui.items) ? ui.items : {}) as JsonSchema, depth + 1);
  }
  if (depth > 50) return out;
  for (const [key, schemas] of propertiesOf(root, node)) {
    let child = (isObject(ui[key]) ? ui[key] : {}) as JsonSchema;
    for (const s of schemas) child = walk(root, s, child, depth + 1);
    out[key] = child;
  }
  return out;
}

/**
 * Derives the ui schema rjsf renders with: labels of table choices (`x-enumTitles` → `ui:enumNames`),
 * computed fields (`readOnly` + `x-compute`) shown as text, fields outside this page carried but not
 * shown.
 * @param schema the (localized) form schema
 * @param ui the form's ui schema as written
 * @param options the page's fields and overrides
 * @returns a new ui schema
 */
export function buildUiSchema(schema: JsonSchema, ui: JsonSchema, options: BuildUiOptions = {}): JsonSchema {
  let out = walk(schema, schema, ui, 0);
  // No fields: the page is the whole form. Fields only a branch declares are hidden as well.
  if (options.fields && options.fields.length > 0) {
    for (const key of propertiesOf(schema, schema).keys()) {
      if (!options.fields.includes(key)) out[key] = { ...(isObject(out[key]) ? out[key] : {}), 'ui:field': 'omitted' };
    }
  }
  if (options.overrides) out = mergeUi(out, options.overrides);
  return out;
}
