import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/**
 * Whether an organisation is a respondent of a round: a round's forms are served to, and
 * accept answers from, its own respondents only.
 * @param db the database
 * @param roundId the round
 * @param organisationId the organisation
 * @returns true when it takes part in the round
 */
export async function isRoundRespondent(db: Kysely<Database>, roundId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('round_respondents')
    .select('organisation_id')
    .where('round_id', '=', roundId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row !== undefined;
}
