import type { JsonSchema } from '../engine/index.ts';

/** The subschemas a data path reaches, with the titles met on the way. */
export interface SchemaHit {
  /** Every subschema that applies at the path (branches of if/then/else and combinators included). */
  readonly schemas: readonly JsonSchema[];
  /** One title per path segment that has one, outermost first. */
  readonly titles: readonly string[];
}

const isSchema = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

function pointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined; // rounds are self-contained; remote refs are not followed
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(cur)) return undefined;
    cur = cur[key];
  }
  return isSchema(cur) ? cur : undefined;
}

/** Every schema that applies to the same instance as `schema`, itself first. */
function expand(root: JsonSchema, schema: JsonSchema, out: JsonSchema[] = [], seen = new Set<JsonSchema>()): JsonSchema[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  out.push(schema);
  if (typeof schema.$ref === 'string') {
    const target = pointer(root, schema.$ref);
    if (target) expand(root, target, out, seen);
  }
  for (const k of ['then', 'else'] as const) if (isSchema(schema[k])) expand(root, schema[k] as JsonSchema, out, seen);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[k];
    if (Array.isArray(list)) for (const s of list) if (isSchema(s) && !('const' in s)) expand(root, s, out, seen);
  }
  return out;
}

/**
 * Resolves a data path such as `units[].level.count` in a form's schema.
 * @param root the form's schema
 * @param path property names separated by dots; `[]` steps into array items
 * @returns the subschemas and titles, or undefined when the path names nothing in the schema
 */
export function resolveSchemaPath(root: JsonSchema, path: string): SchemaHit | undefined {
  let current = expand(root, root);
  const titles: string[] = [];
  const segments = path.split('.').flatMap((s) => (s.endsWith('[]') ? [s.slice(0, -2), '[]'] : [s])).filter((s) => s !== '');
  for (const seg of segments) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      const child = seg === '[]' ? s.items : isSchema(s.properties) ? (s.properties as Record<string, unknown>)[seg] : undefined;
      if (isSchema(child)) next.push(child);
    }
    if (next.length === 0) return undefined;
    current = next.flatMap((s) => expand(root, s));
    const title = current.find((s) => typeof s.title === 'string')?.title;
    if (typeof title === 'string') titles.push(title);
  }
  return { schemas: current, titles };
}

/**
 * The labels a schema gives its allowed values (`oneOf` entries with `const` and `title`).
 * @param hit a resolved path
 * @returns label by value
 */
export function valueLabels(hit: SchemaHit): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const s of hit.schemas) {
    if (!Array.isArray(s.oneOf)) continue;
    for (const o of s.oneOf) if (isSchema(o) && 'const' in o && typeof o.title === 'string') labels[String(o.const)] = o.title;
  }
  return labels;
}
