import type { Kysely } from 'kysely';
import type { Database, StoredRound } from '../db/index.ts';

/**
 * Every stored round (drafts and published), newest id first, without the files.
 * @param db the database
 * @returns the rows
 */
export async function listStoredRounds(db: Kysely<Database>): Promise<Omit<StoredRound, 'validators'>[]> {
  return db
    .selectFrom('stored_rounds')
    .select(['id', 'based_on', 'status', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'published_at', 'published_by', 'hash'])
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The browser validators module of a published stored round.
 * @param db the database
 * @param roundId the round
 * @returns the module text and the round's hash, or undefined
 */
export async function storedValidators(db: Kysely<Database>, roundId: string): Promise<{ text: string; hash: string } | undefined> {
  const row = await db.selectFrom('stored_rounds').select(['validators', 'hash']).where('id', '=', roundId).where('status', '=', 'published').executeTakeFirst();
  return row?.validators && row.hash ? { text: row.validators, hash: row.hash } : undefined;
}
