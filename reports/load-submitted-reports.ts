import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import { listSubmitted } from '../engine/workflows/index.ts';
import type { MaaltalSvar, SubmittedReport } from './maaltal-answer.ts';

/**
 * Reads a round's submitted reports from storage. Stored answers are the engine's validated value
 * (submit refuses anything else), so they are read as the generated type without validating again.
 * @param db the database
 * @param roundId e.g. `2024`
 * @param formName the report form, `maaltal` unless told
 * @returns the reports
 */
export async function loadSubmittedReports(db: Kysely<Database>, roundId: string, formName = 'maaltal'): Promise<SubmittedReport[]> {
  const rows = await listSubmitted(db, roundId, formName);
  return rows.map((r) => ({ kommunekode: r.kommunekode, submittedAt: r.submittedAt, answers: r.answers as MaaltalSvar }));
}
