import { inTransaction, type WorkflowDeps } from '../workflows/index.ts';
import { contactFields, contactFormOf, contactOf } from './contact-form.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { CONTACT_LIST } from './import-contact-file.ts';
import { saveContact, type SavedContact } from './save-contact.ts';

/** The contact-list form's fields as an admin filled them in, by field name (the key field is ignored). */
export type ContactInput = Readonly<Record<string, unknown>>;

/**
 * Sets one respondent's contact person, checked by the round's contact-list form exactly as an
 * imported row is (the respondent comes from the address, never from the input).
 * @param deps database, registry, clock
 * @param input round, municipality, the fields and the acting admin
 * @returns what changed, or INVALID_ANSWERS with the form's Danish issues / FORM_NOT_FOUND / ORGANISATION_NOT_FOUND
 */
export async function updateContact(
  deps: WorkflowDeps,
  input: { readonly roundId: string; readonly code: string; readonly fields: ContactInput; readonly actorId: string | null },
): Promise<({ ok: true } & SavedContact) | ContactsFailure> {
  const form = contactFormOf(deps.registry.round(input.roundId));
  const fields = form ? contactFields(form) : undefined;
  if (!form || !fields) return contactsFail('FORM_NOT_FOUND', { roundId: input.roundId, formName: CONTACT_LIST });
  const data: Record<string, unknown> = { [fields.key]: input.code };
  for (const k of Object.keys((form.schema as { properties?: object }).properties ?? {})) {
    if (k === fields.key) continue;
    const v = input.fields[k];
    if (typeof v === 'string' && v.trim() !== '') data[k] = v.trim();
    else if (v !== undefined && typeof v !== 'string') data[k] = v;
  }
  const checked = form.validate(data, { lang: 'da' });
  if (!checked.ok) return contactsFail('INVALID_ANSWERS', undefined, checked.issues);
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await trx.selectFrom('organisations').select('id').where('code', '=', input.code).executeTakeFirst();
    if (!org) return contactsFail('ORGANISATION_NOT_FOUND', { code: input.code });
    const saved = await saveContact(trx, {
      roundId: input.roundId,
      organisationId: org.id,
      contact: contactOf(form, checked.value as Record<string, unknown>),
      at,
      actorId: input.actorId,
      source: 'admin',
    });
    return { ok: true as const, ...saved };
  });
}
