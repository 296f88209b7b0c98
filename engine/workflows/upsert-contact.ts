import type { Transaction } from 'kysely';
import { preparedQuery, type Database } from '../db/index.ts';
import { newId } from './ids.ts';
import { isPlainObject } from './force-organisation.ts';

const insertContact = preparedQuery(
  (db, p: { id: string; organisation_id: string; round_id: string; navn: string; email: string; telefon: string | null; updated_at: string }) =>
    db
      .insertInto('contacts')
      .values({ id: p.id, organisation_id: p.organisation_id, round_id: p.round_id, navn: p.navn, email: p.email, telefon: p.telefon, updated_at: p.updated_at })
      .onConflict((oc) => oc.columns(['organisation_id', 'round_id']).doNothing()),
);

/**
 * Records the contact person a submitted report names (top-level `navn`/`email`, as in the contact
 * list form, or the first top-level group holding them, as in a report form) when the municipality has none yet for
 * the round. An existing contact is never changed here: the contact list is the ministry's, and a
 * changed address must go through the contact workflows, which close the old login.
 * @param trx the open transaction
 * @param input the organisation, round, validated value and time
 * @returns whether a contact was found in the value
 */
export async function upsertContact(
  trx: Transaction<Database>,
  input: { readonly organisationId: string; readonly roundId: string; readonly value: unknown; readonly at: string },
): Promise<boolean> {
  if (!isPlainObject(input.value)) return false;
  // The answer itself (a contact list form) or its first top-level group that holds a name and an e-mail.
  const value = input.value;
  const holdsContact = (v: unknown): v is Record<string, unknown> => isPlainObject(v) && typeof v.navn === 'string' && typeof v.email === 'string';
  const source = holdsContact(value) ? value : (Object.values(value).find(holdsContact) ?? value);
  const { navn, email, telefon } = source;
  if (typeof navn !== 'string' || typeof email !== 'string') return false;
  await insertContact(trx, {
    id: newId(),
    organisation_id: input.organisationId,
    round_id: input.roundId,
    navn,
    email,
    telefon: typeof telefon === 'string' ? telefon : null,
    updated_at: input.at,
  });
  return true;
}
