import type { CompiledForm } from '../types.ts';

/** One column of the contact-list spreadsheet. */
export interface ContactColumn {
  /** The form's property the column fills, or `null` for the municipality's name (shown, not read). */
  readonly field: string | null;
  /** The heading in row 1. */
  readonly header: string;
  /** Other headings accepted on import (property name, form title). */
  readonly aliases: readonly string[];
  /** A–Z. */
  readonly letter: string;
  readonly width: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The spreadsheet's columns: the municipality's code and name (pre-filled), then each field of
 * the contact-list form in its ui order, headed by the form's own (Danish) titles.
 * @param form the round's `kontaktliste` form
 * @returns the columns, in order
 */
export function contactColumns(form: CompiledForm): readonly ContactColumn[] {
  const props = ((form.schema as { properties?: Record<string, { title?: string }> }).properties ?? {}) as Record<string, { title?: string }>;
  const order = Array.isArray((form.ui as { 'ui:order'?: unknown })['ui:order']) ? ((form.ui as { 'ui:order': string[] })['ui:order'] as string[]) : [];
  const fields = [...order.filter((f) => f in props && f !== '*'), ...Object.keys(props).filter((f) => !order.includes(f))];
  const cols: Array<Omit<ContactColumn, 'letter'>> = [];
  for (const f of fields) {
    const title = props[f]?.title ?? f;
    if (f === 'kommunekode') {
      cols.push({ field: f, header: 'Kommunekode', aliases: [f, title], width: 14 });
      cols.push({ field: null, header: 'Kommunenavn', aliases: ['navn på kommunen', 'kommune navn'], width: 22 });
    } else {
      cols.push({ field: f, header: title, aliases: [f], width: f === 'email' ? 34 : f === 'regionskode' ? 24 : 30 });
    }
  }
  return Object.freeze(cols.map((c, i) => Object.freeze({ ...c, letter: LETTERS[i] ?? `#${i + 1}` })));
}
