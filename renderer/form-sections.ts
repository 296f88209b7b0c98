import type { JsonSchema } from '../engine/index.ts';
import { resolveRef } from './schema-at.ts';

/** One step of a form: top-level fields shown together on one page. */
export interface Section {
  /** The first field's key, used in nothing but tests and error routing ('' for the whole form). */
  readonly key: string;
  readonly title: string;
  /** The top-level fields of the step; none for a form whose root has no fields (the whole form is the step). */
  readonly fields: readonly string[];
}

const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every top-level field with the schemas that describe it, in the order the schema names them:
 * `properties` first, then fields that only a branch declares (`then`/`else`, `allOf`/`anyOf`/`oneOf`,
 * `dependentSchemas`/`dependencies`), each placed after the last field its condition reads.
 */
function topLevelFields(schema: JsonSchema): Map<string, JsonSchema> {
  const own = new Map<string, JsonSchema>();
  const branch: { key: string; schema: JsonSchema; after: readonly string[] }[] = [];
  const seen = new Set<object>();
  const visit = (n: unknown, after: readonly string[], top: boolean): void => {
    if (!isObject(n) || seen.has(n)) return;
    seen.add(n);
    const s = resolveRef(schema, n);
    if (isObject(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) {
        if (!isObject(v)) continue;
        if (top) own.set(k, resolveRef(schema, v));
        else if (!own.has(k) && !branch.some((b) => b.key === k)) branch.push({ key: k, schema: resolveRef(schema, v), after });
      }
    }
    const reads = isObject(s.if) && isObject(s.if.properties) ? Object.keys(s.if.properties) : [];
    visit(s.then, reads, false);
    visit(s.else, reads, false);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) visit(b, after, top && k === 'allOf');
    for (const k of ['dependentSchemas', 'dependencies'] as const) {
      if (isObject(s[k])) for (const [field, b] of Object.entries(s[k] as JsonSchema)) visit(b, [field], false);
    }
  };
  visit(schema, [], true);
  const order = [...own.keys()];
  for (const b of branch) {
    if (own.has(b.key)) continue;
    const at = Math.max(-1, ...b.after.map((k) => order.indexOf(k)));
    // After the field the condition reads and the branch fields already placed behind it.
    let i = at + 1;
    while (i < order.length && !own.has(order[i] as string)) i++;
    order.splice(at < 0 ? order.length : i, 0, b.key);
  }
  const out = new Map<string, JsonSchema>();
  for (const k of order) out.set(k, own.get(k) ?? (branch.find((b) => b.key === k)?.schema as JsonSchema));
  return out;
}

/** Top-level keys in display order: `ui:order` first (without `*`), then the schema's own order. */
export function topLevelOrder(schema: JsonSchema, ui: JsonSchema): string[] {
  const props = [...topLevelFields(schema).keys()];
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((k) => k !== '*' && props.includes(k)) : [];
  return [...order, ...props.filter((k) => !order.includes(k))];
}

/**
 * Splits a form into steps: every top-level group or list is a step of its own, neighbouring plain
 * fields share one. Read-only and hidden fields (the organisation's code, computed values) are shown
 * by the page, not asked for, so they belong to no step. A form whose root names no fields (a list,
 * a map, a single value) is one step holding the whole form.
 * @param schema the form schema
 * @param ui the form's ui schema
 * @returns the steps in order
 */
export function formSections(schema: JsonSchema, ui: JsonSchema): Section[] {
  const fields = topLevelFields(schema);
  const sections: { key: string; title: string; fields: string[] }[] = [];
  let loose: { key: string; title: string; fields: string[] } | undefined;
  for (const key of topLevelOrder(schema, ui)) {
    const s = fields.get(key) ?? {};
    const u = (isObject(ui[key]) ? ui[key] : {}) as JsonSchema;
    if (s.readOnly === true || u['ui:readonly'] === true || u['ui:widget'] === 'hidden') continue;
    if (s.type === 'object' || s.type === 'array') {
      loose = undefined;
      sections.push({ key, title: typeof s.title === 'string' ? s.title : key, fields: [key] });
    } else if (loose) loose.fields.push(key);
    else {
      loose = { key, title: typeof schema.title === 'string' ? schema.title : key, fields: [key] };
      sections.push(loose);
    }
  }
  if (sections.length === 0) sections.push({ key: '', title: typeof schema.title === 'string' ? schema.title : '', fields: [] });
  return sections;
}
