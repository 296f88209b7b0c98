import type { JsonSchema } from '../engine/index.ts';
import { resolveRef } from './schema-at.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function hasType(value: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'number') return typeof value === 'number';
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return isObject(value);
    if (t === 'null') return value === null;
    return typeof value === t;
  });
}

/**
 * A structural resemblance check (`const`, `enum`, `type`, `required`, `properties`) used only to
 * pick which `oneOf`/`anyOf` option to display; validation itself is always the engine's.
 * @param schema an option schema
 * @param value the data
 * @param root the root schema, for `$ref`
 * @returns whether the value fits the option's shape
 */
export function matchesSchema(schema: JsonSchema, value: unknown, root: JsonSchema): boolean {
  const s = resolveRef(root, schema);
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
  if (s.type !== undefined && !hasType(value, s.type)) return false;
  if (isObject(value)) {
    if (Array.isArray(s.required) && !s.required.every((k) => typeof k === 'string' && k in value)) return false;
    if (isObject(s.properties)) {
      for (const [k, sub] of Object.entries(s.properties)) {
        if (k in value && isObject(sub) && !matchesSchema(sub, value[k], root)) return false;
      }
    }
  }
  return true;
}
