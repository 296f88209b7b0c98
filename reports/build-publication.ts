import type { JsonSchema } from '../engine/index.ts';
import { buildMemoContext } from './build-memo-context.ts';
import { buildTable, type PublishedTable } from './build-table.ts';
import type { TemplateSet } from './create-template-set.ts';
import { dictionaryToCsv } from './dictionary-to-csv.ts';
import type { SubmittedReport } from './maaltal-answer.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';
import { tableToCsv } from './table-to-csv.ts';
import { tableToJson } from './table-to-json.ts';
import { tableToXlsx } from './table-to-xlsx.ts';

/** The download files of a publication, by file name. */
export const PUBLICATION_FILES = Object.freeze({
  'tabel.csv': 'text/csv; charset=utf-8',
  'tabel.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'tabel.json': 'application/json; charset=utf-8',
  'dataordbog.csv': 'text/csv; charset=utf-8',
  'notat.html': 'text/html; charset=utf-8',
  'notat.pdf': 'application/pdf',
});

/** A file name of a publication. */
export type PublicationFile = keyof typeof PUBLICATION_FILES;

/** Everything a round publishes, made at one moment from one set of reports. */
export interface Publication {
  readonly roundId: string;
  readonly generatedAt: string;
  /** The table, kept whole so the public page can filter and sort it. */
  readonly table: PublishedTable;
  readonly files: Readonly<Partial<Record<PublicationFile, string | Buffer>>>;
}

/** What a publication is made from. */
export interface PublicationInput {
  readonly round: ReportRound;
  readonly schema: JsonSchema;
  readonly reports: readonly SubmittedReport[];
  readonly previous?: { readonly round: ReportRound; readonly reports: readonly SubmittedReport[] };
  readonly templates: TemplateSet;
  readonly generatedAt: string;
  readonly linkTo?: (kommunekode: string) => string | null;
  /** Prints the memo to PDF; without it the publication has no PDF. */
  readonly printPdf?: (html: string) => Promise<Buffer>;
}

/**
 * Makes the memo (HTML and, when a printer is given, PDF) and the table with its downloads.
 * @param input the round, its reports, the templates and the moment
 * @returns the publication, or the table columns the round's schema lacks
 */
export async function buildPublication(input: PublicationInput): Promise<{ publication: Publication } | { problems: readonly string[] }> {
  const { round, reports, generatedAt } = input;
  const { table, problems } = buildTable({
    round,
    schema: input.schema,
    reports,
    ...(input.linkTo ? { linkTo: input.linkTo } : {}),
  });
  if (problems.length > 0) return { problems };
  const memo = input.templates.render(
    'memo',
    buildMemoContext({ round, reports, generatedAt, ...(input.previous ? { previous: input.previous } : {}) }),
  );
  const facts = roundFacts(round, 'maaltal');
  const files: Partial<Record<PublicationFile, string | Buffer>> = {
    'notat.html': memo,
    'tabel.csv': tableToCsv(table),
    'tabel.xlsx': await tableToXlsx(table, facts),
    'tabel.json': tableToJson(table, facts, generatedAt),
    'dataordbog.csv': dictionaryToCsv(table.columns),
  };
  if (input.printPdf) files['notat.pdf'] = await input.printPdf(memo);
  return { publication: { roundId: round.id, generatedAt, table, files } };
}
