import type { JsonSchema } from '../types.ts';
import type { AddQuestionEdit } from './round-edit.ts';

/**
 * The JSON Schema and ui hints of a question added in the structured editor: the kinds a ministry
 * asks for most, each with the bounds a person would otherwise forget (a text's length, a count
 * that cannot be negative).
 * @param q the question as asked for
 * @returns the property's schema and its ui node (empty when the default widget fits)
 */
export function questionSchema(q: AddQuestionEdit): { schema: JsonSchema; ui: JsonSchema } {
  const base: JsonSchema = { title: q.title.trim() };
  if (q.description?.trim()) base.description = q.description.trim();
  if (q.titleEn?.trim()) base['x-en'] = { title: q.titleEn.trim() };
  switch (q.type) {
    case 'tekst':
      return { schema: { type: 'string', ...base, maxLength: 500 }, ui: {} };
    case 'langtekst':
      return { schema: { type: 'string', ...base, maxLength: 5000 }, ui: { 'ui:widget': 'textarea' } };
    case 'heltal':
      return { schema: { type: 'integer', ...base, minimum: 0 }, ui: {} };
    case 'tal':
      return { schema: { type: 'number', ...base }, ui: {} };
    case 'jaNej':
      return { schema: { type: 'boolean', ...base }, ui: { 'ui:widget': 'radio' } };
    case 'valg':
      return { schema: { type: 'string', ...base, enum: [...(q.options ?? [])] }, ui: { 'ui:widget': 'radio' } };
    case 'dato':
      return { schema: { type: 'string', ...base, format: 'date' }, ui: {} };
  }
}
