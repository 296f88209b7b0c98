import type { CompiledForm } from '../types.ts';
import type { BoardLabels } from './board-labels.ts';
import { contactFields } from './contact-form.ts';

/** One column of the contact-list spreadsheet. */
export interface ContactColumn {
  /** The form's property the column fills, or `null` for the respondent's name (shown, not read). */
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
 * The spreadsheet's columns: the respondent's code and name (pre-filled, headed in the round's
 * words), then each field of the contact-list form in its ui order, headed by the form's own
 * (Danish) titles.
 * @param form the round's contact-list form
 * @param labels the round's words for its respondents
 * @returns the columns, in order
 */
export function contactColumns(form: CompiledForm, labels: Pick<BoardLabels, 'code' | 'name'>): readonly ContactColumn[] {
  const props = ((form.schema as { properties?: Record<string, { title?: string; enum?: unknown }> }).properties ?? {}) as Record<string, { title?: string; enum?: unknown }>;
  const roles = contactFields(form);
  const order = Array.isArray((form.ui as { 'ui:order'?: unknown })['ui:order']) ? ((form.ui as { 'ui:order': string[] })['ui:order'] as string[]) : [];
  const fields = [...order.filter((f) => f in props && f !== '*'), ...Object.keys(props).filter((f) => !order.includes(f))];
  const cols: Array<Omit<ContactColumn, 'letter'>> = [];
  for (const f of fields) {
    const title = props[f]?.title ?? f;
    if (f === roles?.key) {
      cols.push({ field: f, header: labels.code, aliases: [f, title], width: 14 });
      cols.push({ field: null, header: `${labels.name}navn`, aliases: [`navn på ${labels.name.toLowerCase()}en`, `${labels.name.toLowerCase()} navn`], width: 22 });
    } else {
      cols.push({ field: f, header: title, aliases: [f], width: f === roles?.email ? 34 : Array.isArray(props[f]?.enum) ? 24 : 30 });
    }
  }
  return Object.freeze(cols.map((c, i) => Object.freeze({ ...c, letter: LETTERS[i] ?? `#${i + 1}` })));
}
