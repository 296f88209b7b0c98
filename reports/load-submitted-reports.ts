import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import type { SubmittedReport } from './submitted-report.ts';
import { submittedReportPages } from './submitted-report-pages.ts';

/**
 * Reads a round's submitted reports from storage, by respondent code. Holds every parsed answer
 * at once; `loadDatasets` builds a report's rows from the pages without that.
 * @param db the database
 * @param roundId e.g. `2024`
 * @param formName the form the round's report spec reads
 * @returns the reports
 */
export async function loadSubmittedReports(db: Kysely<Database>, roundId: string, formName: string): Promise<SubmittedReport[]> {
  const out: SubmittedReport[] = [];
  for await (const page of submittedReportPages(db, roundId, formName)) for (const r of page) out.push(r);
  // Codes are unique, so this is the order of listing them by code, the same on every database.
  return out.sort((a, b) => (a.respondent < b.respondent ? -1 : a.respondent > b.respondent ? 1 : 0));
}
