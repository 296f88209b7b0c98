import { atPointer, refPointer, type JsonSchema } from '../engine/index.ts';

// Values of these keywords are data, never schemas.
const DATA = new Set(['const', 'enum', 'default', 'examples']);

/**
 * Removes, in place, every reference rjsf cannot follow: rjsf resolves only JSON Pointers into the
 * form itself (`#/…`, or the same after the root's `$id`) and throws on anything else (another
 * document, an anchor, a relative `$id`, `$dynamicRef`). The field is then drawn from the keywords
 * beside the reference; what the answer must be is still decided by the engine, which resolves them all.
 * @param schema a fresh copy of the form's schema (see `localizeSchema`)
 * @returns the same object
 */
export function dropForeignRefs(schema: JsonSchema): JsonSchema {
  const id = typeof schema.$id === 'string' ? schema.$id.replace(/#$/, '') : undefined;
  // The reference as a pointer into the form rjsf can follow, or undefined.
  const local = (ref: string): string | undefined => {
    const own = id !== undefined && ref.startsWith(`${id}#`) ? ref.slice(id.length) : ref;
    const pointer = refPointer(own);
    if (pointer === undefined) return undefined;
    const target = atPointer(schema, pointer);
    return (target !== null && typeof target === 'object') || typeof target === 'boolean' ? own : undefined;
  };
  const seen = new Set<object>();
  const visit = (node: unknown, inProperties: boolean): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const v of node) visit(v, false);
      return;
    }
    const s = node as JsonSchema;
    if (inProperties) {
      // rjsf takes a field named "$ref" for a reference and throws; such a field is not drawn.
      if (s.$ref !== undefined && typeof s.$ref !== 'string') delete s.$ref;
    } else {
      for (const k of ['$ref', '$dynamicRef'] as const) {
        if (typeof s[k] !== 'string') continue;
        const to = local(s[k] as string);
        if (to === undefined) delete s[k];
        else s[k] = to;
      }
    }
    for (const [k, v] of Object.entries(s)) {
      if (inProperties || !DATA.has(k)) visit(v, !inProperties && (k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions' || k === 'dependentSchemas'));
    }
  };
  visit(schema, false);
  return schema;
}
