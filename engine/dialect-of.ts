import { SchemaError } from './schema-error.ts';

/** Which JSON Schema dialect a schema declares; draft-07 and 2020-12 cannot share an ajv instance. */
export type Dialect = '2020-12' | 'draft-07';

/**
 * Reads the dialect from `$schema` (draft-06 is decided as draft-07); `fallback` when it names none.
 * draft-04 and older are refused by name: their `id` and boolean `exclusiveMinimum`/`exclusiveMaximum`
 * would be read with other meanings.
 * @param schema any JSON Schema
 * @param fallback the dialect of a schema that does not declare one
 * @returns the dialect
 */
export function dialectOf(schema: unknown, fallback: Dialect = '2020-12'): Dialect {
  const declared = schema !== null && typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  const s = typeof declared === 'string' ? declared : '';
  if (/draft-0[0-4]\b/.test(s)) {
    throw new SchemaError('$schema', '', `${s} (draft-04 og ældre) understøttes ikke; angiv draft-07 eller 2020-12`);
  }
  if (/draft-0[67]/.test(s)) return 'draft-07';
  if (/draft\/20(19-09|20-12)/.test(s)) return '2020-12';
  return fallback;
}
