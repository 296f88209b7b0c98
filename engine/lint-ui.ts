import { followLocalRef } from './local-ref.ts';
import type { JsonSchema } from './types.ts';

/** One problem in a ui file, by JSON Pointer into it. */
export interface UiIssue {
  readonly pointer: string;
  readonly message: string;
}

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

const resolve = (root: JsonSchema, schema: JsonSchema): JsonSchema => followLocalRef(root, schema);

/**
 * An object's properties as the page may render them: its own, its `allOf`'s and those a taken
 * `then`/`else` or `dependentSchemas` adds (`rendered`), and also those of `oneOf`/`anyOf` options,
 * which a ui file may name but rjsf renders apart (`known`). An `if` only tests, it adds nothing.
 */
function propertiesOf(root: JsonSchema, schema: JsonSchema): { rendered: Map<string, JsonSchema>; known: Map<string, JsonSchema> } {
  const rendered = new Map<string, JsonSchema>();
  const known = new Map<string, JsonSchema>();
  const seen = new Set<JsonSchema>();
  const visit = (raw: JsonSchema, render: boolean): void => {
    // By the document's own objects: a resolved $ref is a fresh object each time, so an allOf loop would not end.
    if (seen.has(raw)) return;
    seen.add(raw);
    const s = resolve(root, raw);
    if (isObj(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) {
        if (!isObj(v)) continue;
        if (render && !rendered.has(k)) rendered.set(k, v);
        if (!known.has(k)) known.set(k, v);
      }
    }
    for (const k of ['allOf', 'oneOf', 'anyOf']) {
      if (Array.isArray(s[k])) for (const sub of s[k] as unknown[]) if (isObj(sub)) visit(sub, render && k === 'allOf');
    }
    for (const k of ['then', 'else']) if (isObj(s[k])) visit(s[k] as JsonSchema, render);
    if (isObj(s.dependentSchemas)) for (const sub of Object.values(s.dependentSchemas)) if (isObj(sub)) visit(sub, render);
  };
  visit(schema, true);
  return { rendered, known };
}

const list = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');

/**
 * Compares a form's ui file with its schema the way rjsf reads it: every `ui:order` names only
 * properties of its object (or `*`, at most once) and, without `*`, every property (rjsf throws at
 * render time otherwise), and every key that is not a `ui:` option names a property (`items` for a
 * list), so a misspelt key does not silently lose its hints.
 * @param schema the form's schema
 * @param ui the form's ui schema
 * @returns the problems, by JSON Pointer into the ui file, with Danish messages
 */
export function lintUi(schema: JsonSchema, ui: JsonSchema): UiIssue[] {
  const issues: UiIssue[] = [];
  const add = (pointer: string, message: string): void => void issues.push({ pointer, message });
  // Led by the ui file, so a recursive schema is walked only as deep as the ui file goes.
  const visit = (raw: JsonSchema, node: unknown, pointer: string): void => {
    if (!isObj(node)) return;
    const s = resolve(schema, raw);
    const { rendered, known } = propertiesOf(schema, s);
    const items = isObj(s.items) ? (s.items as JsonSchema) : undefined;
    const types = Array.isArray(s.type) ? (s.type as unknown[]) : [s.type];
    const isObject = known.size > 0 || types.includes('object');
    const isPrimitive = !isObject && !items && s.$ref === undefined && types.length > 0 && types.every((t) => typeof t === 'string' && PRIMITIVES.has(t));

    const order = node['ui:order'];
    if (order !== undefined && isObject) {
      if (!Array.isArray(order) || !order.every((o) => typeof o === 'string')) add(`${pointer}/ui:order`, '"ui:order" skal være en liste af feltnavne');
      else {
        const names = order as string[];
        names.forEach((name, i) => {
          if (name === '*') {
            if (names.indexOf('*') !== i) add(`${pointer}/ui:order/${i}`, '"ui:order" må kun have ét "*"');
          } else if (!known.has(name)) add(`${pointer}/ui:order/${i}`, `"ui:order" nævner "${name}", som ikke er et felt i skemaet`);
          else if (names.indexOf(name) !== i) add(`${pointer}/ui:order/${i}`, `"ui:order" nævner "${name}" mere end én gang`);
        });
        const missing = [...rendered.keys()].filter((k) => !names.includes(k));
        if (!names.includes('*') && missing.length > 0) {
          add(`${pointer}/ui:order`, `"ui:order" mangler ${list(missing)}; tilføj ${missing.length === 1 ? 'feltet' : 'felterne'} eller "*"`);
        }
      }
    }

    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('ui:')) continue;
      const at = `${pointer}/${esc(key)}`;
      const prop = known.get(key);
      if (prop) visit(prop, value, at);
      else if (key === 'items' && items) visit(items, value, at);
      else if (key === 'additionalItems' && items) continue;
      else if (isObject) add(at, `"${key}" er ikke et felt i skemaet`);
      else if (items) add(at, `"${key}" passer ikke til en liste: ui-angivelser for elementerne står under "items"`);
      else if (isPrimitive) add(at, `"${key}" passer ikke: feltet har ingen underfelter`);
    }
  };
  visit(schema, ui, '');
  return issues;
}
