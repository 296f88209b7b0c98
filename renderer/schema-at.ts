import { atPointer, refPointer, type JsonSchema } from '../engine/index.ts';

const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Follows a local `$ref` (`#/$defs/x`, or the same against the root's `$id`) within the root
 * schema; other references are left alone.
 * @param root the root schema
 * @param node a subschema
 * @returns the referenced subschema merged under the node's own keywords
 */
export function resolveRef(root: JsonSchema, node: JsonSchema): JsonSchema {
  if (typeof node.$ref !== 'string') return node;
  let ref: string = node.$ref;
  // rjsf rewrites local references against the root's `$id` (`https://…/x.json#/$defs/y`).
  if (typeof root.$id === 'string' && ref.startsWith(`${root.$id}#/`)) ref = ref.slice(root.$id.length);
  const pointer = refPointer(ref);
  if (pointer === undefined) return node;
  const target = atPointer(root, pointer);
  if (!isObject(target)) return node;
  const { $ref: _ignored, ...own } = node;
  return { ...resolveRef(root, target), ...own };
}

/** The subschemas that may describe property `key` of an object schema, including conditional branches. */
function propertySchemas(root: JsonSchema, node: JsonSchema, key: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  const visit = (n: unknown): void => {
    if (!isObject(n)) return;
    const s = resolveRef(root, n);
    const props = s.properties;
    if (isObject(props) && isObject(props[key])) out.push(resolveRef(root, props[key] as JsonSchema));
    visit(s.then);
    visit(s.else);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) visit(b);
  };
  visit(node);
  return out;
}

/**
 * The subschema describing the value at a JSON Pointer, looking through `$ref` and if/then/else.
 * @param root the form schema
 * @param pointer JSON Pointer into the answers
 * @returns the first matching subschema, or undefined
 */
export function schemaAt(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = resolveRef(root, root);
  for (const raw of pointer.split('/').slice(1)) {
    if (!node) return undefined;
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part) && isObject(node.items)) node = resolveRef(root, node.items as JsonSchema);
    else node = propertySchemas(root, node, part)[0];
  }
  return node;
}
