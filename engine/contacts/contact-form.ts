import type { Round } from '../compile-round.ts';
import type { CompiledForm } from '../types.ts';
import { respondentKeyField } from '../respondents-of.ts';

/** The contact-list form's fields the store reads, by their role. */
export interface ContactFields {
  /** The respondent's code (`x-respondent-key`). */
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

/** A contact as the contact-list form validated it, in the store's terms. */
export interface ContactValue {
  readonly code: string;
  readonly navn: string;
  readonly email: string;
  readonly telefon?: string;
}

/**
 * The fields of a contact-list form: the respondent key and those marked `x-contact`.
 * @param form a form
 * @returns the field names, or undefined when the form lacks a key, a name or an e-mail field
 */
export function contactFields(form: CompiledForm): ContactFields | undefined {
  const props = ((form.schema as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, Record<string, unknown> | null>;
  const key = respondentKeyField(form.schema);
  const by = (role: string) => Object.keys(props).find((k) => props[k]?.['x-contact'] === role);
  const name = by('name');
  const email = by('email');
  const phone = by('phone');
  if (key === undefined || name === undefined || email === undefined) return undefined;
  return { key, name, email, ...(phone !== undefined ? { phone } : {}) };
}

/**
 * The round's contact-list form: the first of its forms with a respondent key and contact name
 * and e-mail fields.
 * @param round the round (absent: none)
 * @returns the form, or undefined when the round collects no contacts
 */
export function contactFormOf(round: Round | undefined): CompiledForm | undefined {
  for (const f of round?.forms.values() ?? []) if (contactFields(f)) return f;
  return undefined;
}

/**
 * The store's contact from a validated answer of the contact-list form.
 * @param form the contact-list form
 * @param value the engine's validated value
 * @returns the contact
 */
export function contactOf(form: CompiledForm, value: Readonly<Record<string, unknown>>): ContactValue {
  const f = contactFields(form);
  if (!f) throw new Error('not a contact-list form: no respondent key, contact name or e-mail field');
  const text = (k: string | undefined) => (k !== undefined && typeof value[k] === 'string' ? (value[k] as string) : undefined);
  const telefon = text(f.phone);
  return { code: text(f.key) ?? '', navn: text(f.name) ?? '', email: text(f.email) ?? '', ...(telefon !== undefined ? { telefon } : {}) };
}
