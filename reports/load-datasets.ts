import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import type { CompiledReport } from './compile-report.ts';
import type { DatasetRows } from './compute-figures.ts';
import { createDatasetBuilder } from './create-dataset-builder.ts';
import type { ReportRound } from './report-round.ts';
import { respondentsOf } from './respondents.ts';
import { roundFacts } from './round-facts.ts';
import { submittedReportPages } from './submitted-report-pages.ts';

/**
 * Every dataset's rows for a round's submitted reports, read from storage: the rows the same as
 * `buildAllDatasets` makes of `loadSubmittedReports`, but each page of reports is turned into rows
 * as it is read and its answers dropped, so the parsed answers of the whole round (about 100 MB at
 * 100 000 reports) are never held at once and die young instead of being promoted and collected
 * again.
 * @param db the database
 * @param report the compiled spec
 * @param round the round the reports belong to (its respondents and time zone)
 * @param options `linkTo`, the address of a respondent's page; `pageSize`, reports read per query
 * @returns dataset name → rows
 */
export async function loadDatasets(
  db: Kysely<Database>,
  report: CompiledReport,
  round: ReportRound,
  options: { readonly linkTo?: (respondent: string) => string | null; readonly pageSize?: number } = {},
): Promise<DatasetRows> {
  const { linkTo } = options;
  const own = respondentsOf(round);
  const population = 'error' in own ? report.population : own;
  const timeZone = roundFacts(round, report.formName).tidszone;
  const builders = [...report.datasets.values()].map((ds) => ({
    name: ds.name,
    builder: createDatasetBuilder(report, ds, { respondents: population.list, timeZone, ...(linkTo ? { linkTo } : {}) }),
  }));
  for await (const page of submittedReportPages(db, round.id, report.formName, options.pageSize)) {
    for (const sub of page) for (const { builder } of builders) builder.add(sub);
  }
  return new Map(builders.map(({ name, builder }) => [name, builder.rows()]));
}
