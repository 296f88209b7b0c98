import { inTransaction, type WorkflowDeps } from '../workflows/index.ts';
import type { ContactValue } from './check-contact-rows.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { CONTACT_FORM } from './import-contact-file.ts';
import { saveContact, type SavedContact } from './save-contact.ts';

/** The fields an admin edits for one municipality. */
export interface ContactInput {
  readonly navn?: unknown;
  readonly email?: unknown;
  readonly telefon?: unknown;
  readonly regionskode?: unknown;
}

/**
 * Sets one municipality's contact person, checked by the round's contact-list form exactly as an
 * imported row is (the municipality comes from the address, never from the input).
 * @param deps database, registry, clock
 * @param input round, municipality, the fields and the acting admin
 * @returns what changed, or INVALID_ANSWERS with the form's Danish issues / FORM_NOT_FOUND / ORGANISATION_NOT_FOUND
 */
export async function updateContact(
  deps: WorkflowDeps,
  input: { readonly roundId: string; readonly kommunekode: string; readonly fields: ContactInput; readonly actorId: string | null },
): Promise<({ ok: true } & SavedContact) | ContactsFailure> {
  const form = deps.registry.form(input.roundId, CONTACT_FORM);
  if (!form) return contactsFail('FORM_NOT_FOUND', { roundId: input.roundId, formName: CONTACT_FORM });
  const data: Record<string, unknown> = { kommunekode: input.kommunekode };
  for (const k of ['navn', 'email', 'telefon', 'regionskode'] as const) {
    const v = input.fields[k];
    if (typeof v === 'string' && v.trim() !== '') data[k] = v.trim();
    else if (v !== undefined && typeof v !== 'string') data[k] = v;
  }
  const checked = form.validate(data, { lang: 'da' });
  if (!checked.ok) return contactsFail('INVALID_ANSWERS', undefined, checked.issues);
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await trx.selectFrom('organisations').select('id').where('kommunekode', '=', input.kommunekode).executeTakeFirst();
    if (!org) return contactsFail('ORGANISATION_NOT_FOUND', { kommunekode: input.kommunekode });
    const saved = await saveContact(trx, {
      roundId: input.roundId,
      organisationId: org.id,
      contact: checked.value as ContactValue,
      at,
      actorId: input.actorId,
      source: 'admin',
    });
    return { ok: true as const, ...saved };
  });
}
