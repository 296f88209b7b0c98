import type { JsonSchema } from '../engine/index.ts';

/**
 * Labels of every constant the schema names in a `oneOf` (`{"const": "a", "title": "Svar A"}`),
 * so a computed value holding one of them can be shown by its label.
 * @param schema the (localized) form schema
 * @returns const value → title
 */
export function constTitles(schema: JsonSchema): Record<string, string> {
  // No prototype: a constant such as "__proto__" or "toString" becomes a key like any other.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as JsonSchema;
      if (typeof n.const === 'string' && typeof n.title === 'string' && !(n.const in out)) out[n.const] = n.title;
      for (const [k, v] of Object.entries(n)) if (k !== 'const' && k !== 'enum' && !k.startsWith('x-')) visit(v);
    }
  };
  visit(schema);
  return out;
}
