import type { CompiledForm } from '../types.ts';

/**
 * For each property with `x-options` in the form's source, its table's keys by label: lets a
 * spreadsheet say "Region Hovedstaden" where the form stores `1084`.
 * @param form the form (its schema after expansion keeps `enum` and `x-enumTitles`)
 * @returns property → (lower-cased label → key)
 */
export function optionLabels(form: CompiledForm): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const props = ((form.schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<
    string,
    { enum?: unknown[]; 'x-enumTitles'?: unknown[] }
  >;
  for (const [name, p] of Object.entries(props)) {
    if (!Array.isArray(p.enum) || !Array.isArray(p['x-enumTitles'])) continue;
    const m = new Map<string, string>();
    p.enum.forEach((key, i) => {
      const label = p['x-enumTitles']![i];
      if (typeof key === 'string' && typeof label === 'string') m.set(label.trim().toLowerCase(), key);
    });
    out.set(name, m);
  }
  return out;
}
