import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import { listSubmitted } from '../engine/workflows/index.ts';
import type { SubmittedReport } from './submitted-report.ts';

/**
 * Reads a round's submitted reports from storage. Stored answers are the engine's validated value
 * (submit refuses anything else), so they are not validated again.
 * @param db the database
 * @param roundId e.g. `2024`
 * @param formName the form the round's report spec reads
 * @returns the reports
 */
export async function loadSubmittedReports(db: Kysely<Database>, roundId: string, formName: string): Promise<SubmittedReport[]> {
  const rows = await listSubmitted(db, roundId, formName);
  return rows.map((r) => ({ respondent: r.kommunekode, submittedAt: r.submittedAt, answers: r.answers }));
}
