import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import type { SubmittedReport } from './submitted-report.ts';

/**
 * Reports read per query by default. Each page's stored text is parsed and dropped before the
 * next is read, so at most one page of JSON text is held (all 100 000 at once were about 150 MB
 * of text).
 */
export const REPORT_PAGE_SIZE = 500;

/**
 * Reads a round's submitted reports from storage a page at a time, in no particular order of
 * respondent. Stored answers are the engine's validated value (submit refuses anything else), so
 * they are not validated again. Only what a report reads is selected: the code, the moment and
 * the answers.
 * @param db the database
 * @param roundId e.g. `2024`
 * @param formName the form the round's report spec reads
 * @param pageSize reports per page
 * @returns the pages, each parsed when it is asked for
 */
export async function* submittedReportPages(db: Kysely<Database>, roundId: string, formName: string, pageSize = REPORT_PAGE_SIZE): AsyncGenerator<SubmittedReport[]> {
  // Keyset pages on the submission's unique key (round, form, organisation): each page starts
  // after the last organisation read, so it is a range of that index and no page rescans or
  // sorts the rows before it. Paging by respondent code instead made SQLite scan and sort every
  // submission of the form for each page.
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('submissions as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.organisation_id', 'o.code', 's.submitted_at', 's.answers'])
      .where('s.round_id', '=', roundId)
      .where('s.form_name', '=', formName)
      .where('s.status', '=', 'submitted');
    if (after !== undefined) query = query.where('s.organisation_id', '>', after);
    const rows = await query.orderBy('s.organisation_id').limit(pageSize).execute();
    const page: SubmittedReport[] = [];
    for (const r of rows) page.push({ respondent: r.code, submittedAt: r.submitted_at ?? '', answers: JSON.parse(r.answers) as unknown });
    if (page.length > 0) yield page;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.organisation_id;
  }
}

/**
 * How many submitted reports of a form a round's store holds: the reports `submittedReportPages`
 * reads, counted by the database instead of read.
 * @param db the database
 * @param roundId e.g. `2024`
 * @param formName the form
 * @returns the count
 */
export async function countSubmittedReports(db: Kysely<Database>, roundId: string, formName: string): Promise<number> {
  const row = await db
    .selectFrom('submissions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('s.round_id', '=', roundId)
    .where('s.form_name', '=', formName)
    .where('s.status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
