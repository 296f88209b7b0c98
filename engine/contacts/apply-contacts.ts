import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import type { ContactValue } from './contact-form.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import { saveContact } from './save-contact.ts';

/** What storing a batch of contacts changed. */
export interface AppliedContacts {
  readonly saved: number;
  readonly changed: number;
  /** Municipalities whose contact got a new address, so their old login was closed. */
  readonly loginsClosed: readonly string[];
}

/**
 * Stores validated contacts inside the caller's transaction (all or none).
 * @param trx the open transaction
 * @param input round, contacts, time, actor and source
 * @returns counts, or ORGANISATION_NOT_FOUND for a municipality not in the database
 */
export async function applyContacts(
  trx: Transaction<Database>,
  input: { readonly roundId: string; readonly contacts: readonly ContactValue[]; readonly at: string; readonly actorId: string | null; readonly source: 'import' | 'admin' },
): Promise<AppliedContacts | ContactsFailure> {
  if (input.contacts.length === 0) return { saved: 0, changed: 0, loginsClosed: [] };
  const orgs = new Map(
    (await trx.selectFrom('organisations').select(['id', 'code']).where('code', 'in', input.contacts.map((c) => c.code)).execute()).map(
      (o) => [o.code, o.id],
    ),
  );
  let changed = 0;
  const loginsClosed: string[] = [];
  for (const contact of input.contacts) {
    const organisationId = orgs.get(contact.code);
    if (!organisationId) return contactsFail('ORGANISATION_NOT_FOUND', { code: contact.code });
    const r = await saveContact(trx, { roundId: input.roundId, organisationId, contact, at: input.at, actorId: input.actorId, source: input.source });
    if (r.changed) changed += 1;
    if (r.closedCredentialId) loginsClosed.push(contact.code);
  }
  return { saved: input.contacts.length, changed, loginsClosed };
}
