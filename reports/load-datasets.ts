import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import type { CompiledReport } from './compile-report.ts';
import type { DatasetRows } from './compute-figures.ts';
import { createDatasetBuilder } from './create-dataset-builder.ts';
import type { ReportRound } from './report-round.ts';
import { respondentsOf, type Respondent } from './respondents.ts';
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
 * @param options `linkTo`, the address of a respondent's page; `pageSize`, reports read per query;
 *   `datasets`, the only datasets to build (all by default); `respondents`, the rows' respondents
 *   (by default the round's own, or the compiled spec's when the round declares none)
 * @returns dataset name → rows
 */
export async function loadDatasets(
  db: Kysely<Database>,
  report: CompiledReport,
  round: ReportRound,
  options: {
    readonly linkTo?: (respondent: string) => string | null;
    readonly pageSize?: number;
    readonly datasets?: readonly string[];
    readonly respondents?: readonly Respondent[];
  } = {},
): Promise<DatasetRows> {
  const { linkTo } = options;
  const own = respondentsOf(round);
  const respondents = options.respondents ?? ('error' in own ? report.population : own).list;
  const timeZone = roundFacts(round, report.formName).tidszone;
  const wanted = options.datasets;
  const builders = [...report.datasets.values()]
    .filter((ds) => !wanted || wanted.includes(ds.name))
    .map((ds) => ({
      name: ds.name,
      builder: createDatasetBuilder(report, ds, { respondents, timeZone, ...(linkTo ? { linkTo } : {}) }),
    }));
  for await (const page of submittedReportPages(db, round.id, report.formName, options.pageSize)) {
    for (const sub of page) for (const { builder } of builders) builder.add(sub);
  }
  return new Map(builders.map(({ name, builder }) => [name, builder.rows()]));
}
