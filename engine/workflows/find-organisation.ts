import type { Kysely } from 'kysely';
import type { Database, Organisation } from '../db/index.ts';

/**
 * Reads an organisation by id.
 * @param db the database
 * @param id the organisation id
 * @returns the organisation, or undefined
 */
export async function findOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}
