import type { JsonSchema, RuleContext } from './types.ts';

/**
 * Replaces every `x-options` reference to a round table with a standard `enum` with the labels in
 * `x-enumTitles`, so clients, ajv and the type generator see plain JSON Schema.
 * @param schema the schema as written (not modified)
 * @param tables the round's tables, keyed by their key column
 * @returns a new schema
 */
export function expandOptions(schema: JsonSchema, tables: RuleContext['$tables']): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    const ref = out['x-options'] as { table: string; label: string } | undefined;
    if (ref) {
      const table = tables[ref.table] ?? {};
      // `enum` rather than a `oneOf` of consts: ajv checks it in one lookup instead of building an
      // error per non-matching branch; the labels travel beside it for the renderer.
      out.enum = Object.keys(table);
      out['x-enumTitles'] = Object.entries(table).map(([key, row]) => row[ref.label] ?? key);
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}
