import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** A respondent with its contact person for a round, if any. */
export interface ContactListing {
  readonly code: string;
  /** The respondent's name. */
  readonly navn: string;
  readonly contact: { readonly navn: string; readonly email: string; readonly telefon: string | null; readonly updatedAt: string } | null;
}

/**
 * Lists every respondent of a round with its contact person.
 * @param db the database
 * @param roundId the round
 * @param code only this respondent, when given
 * @returns one entry per respondent, by code
 */
export async function listContacts(db: Kysely<Database>, roundId: string, code?: string): Promise<ContactListing[]> {
  let q = db
    .selectFrom('organisations as o')
    .innerJoin('round_respondents as rr', (j) => j.onRef('rr.organisation_id', '=', 'o.id').on('rr.round_id', '=', roundId))
    .leftJoin('contacts as c', (j) => j.onRef('c.organisation_id', '=', 'o.id').on('c.round_id', '=', roundId))
    .select(['o.code', 'o.navn', 'c.navn as cNavn', 'c.email', 'c.telefon', 'c.updated_at'])
    .orderBy('o.code');
  if (code !== undefined) q = q.where('o.code', '=', code);
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    navn: r.navn,
    contact: r.cNavn && r.email && r.updated_at ? { navn: r.cNavn, email: r.email, telefon: r.telefon, updatedAt: r.updated_at } : null,
  }));
}
