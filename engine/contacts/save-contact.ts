import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import { appendAudit, newId } from '../workflows/index.ts';
import type { ContactValue } from './contact-form.ts';
import { closeCredentials } from './close-credentials.ts';

/** What saving one contact changed. */
export interface SavedContact {
  readonly code: string;
  readonly changed: boolean;
  /** A different address than before: the old login was closed. */
  readonly emailChanged: boolean;
  readonly closedCredentialId: string | null;
}

/**
 * Stores a municipality's contact person for a round inside the caller's transaction. A new
 * address (another person or mailbox) closes the login sent to the old one, so it stops working;
 * the next credential send gives the new contact its own. A changed name or phone keeps the login.
 * @param trx the open transaction
 * @param input round, the organisation, the validated contact, time, actor and source
 * @returns what changed
 */
export async function saveContact(
  trx: Transaction<Database>,
  input: {
    readonly roundId: string;
    readonly organisationId: string;
    readonly contact: ContactValue;
    readonly at: string;
    readonly actorId: string | null;
    readonly source: 'import' | 'admin';
  },
): Promise<SavedContact> {
  const c = input.contact;
  const email = c.email.trim();
  const telefon = c.telefon?.trim() || null;
  const before = await trx
    .selectFrom('contacts')
    .select(['navn', 'email', 'telefon'])
    .where('organisation_id', '=', input.organisationId)
    .where('round_id', '=', input.roundId)
    .executeTakeFirst();
  const changed = !before || before.navn !== c.navn || before.email !== email || (before.telefon ?? null) !== telefon;
  const emailChanged = !!before && before.email.trim().toLowerCase() !== email.toLowerCase();
  let closedCredentialId: string | null = null;
  if (changed) {
    const values = { navn: c.navn, email, telefon, updated_at: input.at };
    await trx
      .insertInto('contacts')
      .values({ id: newId(), organisation_id: input.organisationId, round_id: input.roundId, ...values })
      .onConflict((oc) => oc.columns(['organisation_id', 'round_id']).doUpdateSet(values))
      .execute();
    if (emailChanged) {
      closedCredentialId = await closeCredentials(trx, {
        roundId: input.roundId,
        organisationId: input.organisationId,
        status: 'replaced',
        reason: 'kontakt-aendret',
        at: input.at,
        actorId: input.actorId,
      });
    }
    await appendAudit(trx, {
      at: input.at,
      actorId: input.actorId,
      action: 'contact.saved',
      entity: 'organisation',
      entityId: input.organisationId,
      data: { roundId: input.roundId, code: c.code, source: input.source, emailChanged, created: !before },
    });
  }
  return { code: c.code, changed, emailChanged, closedCredentialId };
}
