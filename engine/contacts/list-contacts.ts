import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** A municipality with its contact person for a round, if any. */
export interface ContactListing {
  readonly kommunekode: string;
  readonly kommune: string;
  readonly regionskode: string;
  readonly contact: { readonly navn: string; readonly email: string; readonly telefon: string | null; readonly updatedAt: string } | null;
}

/**
 * Lists every municipality with its contact person for a round.
 * @param db the database
 * @param roundId the round
 * @param kommunekode only this municipality, when given
 * @returns one entry per municipality, by code
 */
export async function listContacts(db: Kysely<Database>, roundId: string, kommunekode?: string): Promise<ContactListing[]> {
  let q = db
    .selectFrom('organisations as o')
    .leftJoin('contacts as c', (j) => j.onRef('c.organisation_id', '=', 'o.id').on('c.round_id', '=', roundId))
    .select(['o.kommunekode', 'o.navn', 'o.regionskode', 'c.navn as cNavn', 'c.email', 'c.telefon', 'c.updated_at'])
    .orderBy('o.kommunekode');
  if (kommunekode !== undefined) q = q.where('o.kommunekode', '=', kommunekode);
  const rows = await q.execute();
  return rows.map((r) => ({
    kommunekode: r.kommunekode,
    kommune: r.navn,
    regionskode: r.regionskode,
    contact: r.cNavn && r.email && r.updated_at ? { navn: r.cNavn, email: r.email, telefon: r.telefon, updatedAt: r.updated_at } : null,
  }));
}
