import type { JsonSchema, Lang } from '../engine/index.ts';

/**
 * Swaps titles and descriptions for their `x-en` versions where English is asked for and the schema
 * provides it; Danish stays where no translation exists. Keywords that validate are left untouched,
 * so the result still matches the precompiled validators pointer for pointer.
 * @param schema the served schema
 * @param lang the language to show
 * @returns a fresh, unfrozen copy (translated for English): rjsf writes into the schema it is given
 *   (`patternProperties`, `additionalProperties`), and the compiled form's schema is deep-frozen
 */
export function localizeSchema(schema: JsonSchema, lang: Lang): JsonSchema {
  if (lang === 'da') return structuredClone(schema);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'const' || k === 'enum' || k === 'default' ? v : walk(v);
    const en = out['x-en'] as { title?: string; description?: string } | undefined;
    if (en && typeof en === 'object') {
      if (typeof en.title === 'string') out.title = en.title;
      if (typeof en.description === 'string') out.description = en.description;
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}
