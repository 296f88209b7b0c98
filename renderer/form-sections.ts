import type { JsonSchema } from '../engine/index.ts';
import { resolveRef } from './schema-at.ts';

/** One step of a form: top-level fields shown together on one page. */
export interface Section {
  /** The first field's key, used in nothing but tests and error routing. */
  readonly key: string;
  readonly title: string;
  readonly fields: readonly string[];
}

const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Top-level keys in display order: `ui:order` first (without `*`), then the schema's own order. */
export function topLevelOrder(schema: JsonSchema, ui: JsonSchema): string[] {
  const props = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]).filter((k) => k !== '*' && props.includes(k)) : [];
  return [...order, ...props.filter((k) => !order.includes(k))];
}

/**
 * Splits a form into steps: every top-level group or list is a step of its own, neighbouring plain
 * fields share one. Read-only and hidden fields (the organisation's code, computed values) are shown
 * by the page, not asked for, so they belong to no step.
 * @param schema the form schema
 * @param ui the form's ui schema
 * @returns the steps in order
 */
export function formSections(schema: JsonSchema, ui: JsonSchema): Section[] {
  const props = (isObject(schema.properties) ? schema.properties : {}) as Record<string, JsonSchema>;
  const sections: { key: string; title: string; fields: string[] }[] = [];
  let loose: { key: string; title: string; fields: string[] } | undefined;
  for (const key of topLevelOrder(schema, ui)) {
    const s = resolveRef(schema, props[key] ?? {});
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
  return sections;
}
