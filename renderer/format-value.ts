import type { JsonSchema, Lang } from '../engine/index.ts';

/**
 * One answer as text for reading: yes/no, a choice by its label, a number in Danish notation.
 * @param value the answer
 * @param schema the field's schema
 * @param titles labels of constants (see `constTitles`)
 * @param lang the page language
 * @returns the text
 */
export function formatValue(value: unknown, schema: JsonSchema | undefined, titles: Readonly<Record<string, string>>, lang: Lang = 'da'): string {
  if (value === undefined || value === null || value === '') return '–';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'Yes' : 'Ja') : lang === 'en' ? 'No' : 'Nej';
  if (typeof value === 'number') return value.toLocaleString(lang === 'en' ? 'en-GB' : 'da-DK', { maximumFractionDigits: 1, useGrouping: false });
  if (typeof value === 'string') {
    const options = Array.isArray(schema?.oneOf) ? (schema.oneOf as JsonSchema[]) : [];
    const option = options.find((o) => o.const === value);
    if (option && typeof option.title === 'string') return option.title;
    if (Array.isArray(schema?.enum) && Array.isArray(schema['x-enumTitles'])) {
      const i = (schema.enum as unknown[]).indexOf(value);
      const label = (schema['x-enumTitles'] as unknown[])[i];
      if (typeof label === 'string') return label;
    }
    // Own labels only: an answer such as "__proto__" or "toString" is text, not a key of Object.prototype.
    return Object.hasOwn(titles, value) ? (titles[value] as string) : value;
  }
  return JSON.stringify(value);
}
