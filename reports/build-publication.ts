import type { Kysely } from 'kysely';
import type { Database } from '../engine/db/index.ts';
import { buildDataset, type DatasetRow } from './build-dataset.ts';
import { buildAllDatasets, buildMemoContext, type PreviousReports } from './build-memo-context.ts';
import { buildTable, type PublishedTable } from './build-table.ts';
import type { CompiledReport } from './compile-report.ts';
import type { DatasetRows } from './compute-figures.ts';
import { latestReports } from './latest-reports.ts';
import { loadDatasets } from './load-datasets.ts';
import type { TemplateSet } from './create-template-set.ts';
import { dictionaryToCsv } from './dictionary-to-csv.ts';
import type { ReportRound } from './report-round.ts';
import { respondentsOf } from './respondents.ts';
import { roundFacts } from './round-facts.ts';
import type { SubmittedReport } from './submitted-report.ts';
import { tableToCsv } from './table-to-csv.ts';
import { tableToJson } from './table-to-json.ts';
import { tableToXlsx } from './table-to-xlsx.ts';

/** The content type of a publication's file, by its extension. */
const TYPES: Readonly<Record<string, string>> = Object.freeze({
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
});

/** A file name of a publication: a document's name, maybe `-dataordbog`, and an extension. */
const FILE_NAME = /^[a-z0-9][a-z0-9_-]{0,60}\.(csv|xlsx|json|html|pdf)$/;

/**
 * The content type of a publication's file.
 * @param name e.g. `tabel.csv`, `notat.pdf`
 * @returns the type, or undefined for a name no publication has
 */
export function publicationFileType(name: string): string | undefined {
  const m = FILE_NAME.exec(name);
  return m ? TYPES[m[1]!] : undefined;
}

/** Everything a round publishes, made at one moment from one set of reports. */
export interface Publication {
  readonly roundId: string;
  readonly generatedAt: string;
  /** The tables of the table and respondent documents, by document name, kept whole so the public pages can filter, sort and pick from them. */
  readonly tables: Readonly<Record<string, PublishedTable>>;
  /** The download files by name: `<document>.html|pdf` for a memo, `<document>.csv|xlsx|json` and `<document>-dataordbog.csv` for a table. */
  readonly files: Readonly<Record<string, string | Buffer>>;
}

/** What a publication is made from. */
export interface PublicationInput {
  readonly report: CompiledReport;
  readonly round: ReportRound;
  /**
   * Where the round's submitted reports are read: the reports themselves, or the store, read page
   * by page into the datasets (`loadDatasets`) so the answers of the whole round are never held.
   */
  readonly reports: readonly SubmittedReport[] | { readonly db: Kysely<Database> };
  readonly previous?: PreviousReports;
  readonly templates: TemplateSet;
  readonly generatedAt: string;
  /** The public address of the service (no trailing slash); the tables link each row to its respondent's page there. */
  readonly publicUrl?: string;
  /** Prints a memo to PDF; without it the publication has no PDF. */
  readonly printPdf?: (html: string) => Promise<Buffer>;
}

/**
 * The address of a respondent's page: its round's first respondent document, under the public URL.
 * @param report the compiled spec
 * @param roundId the round
 * @param publicUrl the service's public address, or undefined for no links
 * @returns the link maker, or undefined when there is no address or no respondent document
 */
export function respondentLink(report: CompiledReport, roundId: string, publicUrl: string | undefined): ((code: string) => string) | undefined {
  const doc = Object.entries(report.spec.documents ?? {}).find(([, d]) => d.kind === 'respondent' && d.publish !== false)?.[0];
  if (!publicUrl || !doc) return undefined;
  const base = publicUrl.replace(/\/+$/, '');
  return (code) => `${base}/offentlig/${encodeURIComponent(roundId)}/${encodeURIComponent(doc)}/${encodeURIComponent(code)}`;
}

/**
 * Makes every published document of the spec: each memo as HTML (and PDF when a printer is given
 * and the document asks for one), each table with its CSV, XLSX, JSON and data dictionary, and the
 * table behind each respondent document.
 * @param input the compiled spec, the round, its reports, the templates and the moment
 * @returns the publication
 */
export async function buildPublication(input: PublicationInput): Promise<Publication> {
  const { report, round, generatedAt } = input;
  const source = input.reports;
  const store = 'db' in source ? source.db : undefined;
  const reports: readonly SubmittedReport[] = 'db' in source ? [] : source;
  const facts = roundFacts(round, report.formName);
  const linkTo = respondentLink(report, round.id, input.publicUrl);
  const tables: Record<string, PublishedTable> = {};
  const files: Record<string, string | Buffer> = {};
  const docs = Object.entries(report.spec.documents ?? {}).filter(([, d]) => d.publish !== false);
  // Each dataset is built once and shared: by the memo and every table of it, or, where the
  // tables link to respondents' pages and the memo's rows have no links, once for the tables.
  const memoData: DatasetRows | undefined = docs.some(([, d]) => d.kind === 'notat')
    ? store
      ? await loadDatasets(store, report, round)
      : buildAllDatasets(report, round, reports)
    : undefined;
  const shareable = memoData !== undefined && samePopulation(report, round);
  const tableRows = new Map<string, readonly DatasetRow[]>();
  let latest: ReturnType<typeof latestReports> | undefined;
  const rowsFor = async (dataset: string): Promise<readonly DatasetRow[] | undefined> => {
    const ds = report.datasets.get(dataset);
    if (!ds) return undefined;
    let rows = tableRows.get(dataset);
    if (!rows) {
      const linked = linkTo !== undefined && ds.columns.some((c) => c.reader.kind === 'meta' && c.reader.meta === 'link');
      rows =
        (shareable && !linked ? memoData.get(dataset) : undefined) ??
        (store
          ? (await loadDatasets(store, report, round, { datasets: [dataset], respondents: report.population.list, ...(linkTo ? { linkTo } : {}) })).get(dataset)!
          : buildDataset(report, ds, {
              latest: (latest ??= latestReports(reports, report.population.byKey)),
              timeZone: facts.tidszone,
              ...(linkTo ? { linkTo } : {}),
            }));
      tableRows.set(dataset, rows);
    }
    return rows;
  };
  let memo: Awaited<ReturnType<typeof buildMemoContext>> | undefined;
  for (const [name, doc] of docs) {
    if (doc.kind === 'notat') {
      memo ??= await buildMemoContext({ report, round, data: memoData!, generatedAt, ...(input.previous ? { previous: input.previous } : {}) });
      const html = input.templates.render(doc.template ?? 'notat', memo);
      files[`${name}.html`] = html;
      if (input.printPdf && doc.pdf !== false) files[`${name}.pdf`] = await input.printPdf(html);
      continue;
    }
    const rows = await rowsFor(doc.dataset!);
    const table = buildTable({ report, round, dataset: doc.dataset!, reports, ...(rows ? { rows } : {}), ...(doc.filters ? { filters: doc.filters } : {}), ...(linkTo ? { linkTo } : {}) });
    tables[name] = table;
    if (doc.kind === 'tabel') {
      files[`${name}.csv`] = tableToCsv(table);
      files[`${name}.xlsx`] = await tableToXlsx(table, facts);
      files[`${name}.json`] = tableToJson(table, facts, generatedAt);
      files[`${name}-dataordbog.csv`] = dictionaryToCsv(table.columns);
    }
  }
  return { roundId: round.id, generatedAt, tables, files };
}

/**
 * Whether the memo's datasets, read over the round's own respondents, are the rows a table reads
 * over the compiled spec's: the same list when the spec was compiled from this round, which is
 * checked rather than assumed.
 */
function samePopulation(report: CompiledReport, round: ReportRound): boolean {
  const own = respondentsOf(round);
  if ('error' in own) return true;
  const theirs = report.population.list;
  return own.list.length === theirs.length && own.list.every((r, i) => r.key === theirs[i]!.key && r.name === theirs[i]!.name && r.attributes === theirs[i]!.attributes);
}
