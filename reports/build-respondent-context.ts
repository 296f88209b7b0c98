import type { DictionaryEntry } from './build-data-dictionary.ts';
import { cellAt, tableRowValues, type Cell, type PublishedTable, type TableRow } from './build-table.ts';
import type { CompiledReport } from './compile-report.ts';
import type { ReportRound } from './report-round.ts';

/** A field of a row as the generic page lists it. */
export interface FieldView {
  readonly noegle: string;
  readonly overskrift: string;
  readonly type: string;
  readonly vaerdi: Cell;
}

/** Everything the page of one respondent's full report may show (context kind `respondent`). */
export interface RespondentContext {
  readonly runde: { readonly id: string; readonly titel: string };
  readonly titel: string;
  readonly genereret: string;
  readonly respondent: {
    readonly kode: string;
    readonly navn: string;
    readonly ental: string;
    readonly attributter: Readonly<Record<string, string>>;
    /** The date the report was submitted, or null when it has not reported. */
    readonly indsendt: string | null;
  };
  /** The respondent's rows of the table (its items, then its total); empty when it has not reported. */
  readonly raekker: ReadonlyArray<TableRow & { readonly felter: readonly FieldView[] }>;
  readonly ordbog: readonly DictionaryEntry[];
}

/**
 * Picks one respondent's rows out of a published table for its own page.
 * @param report the compiled spec (the respondent's name and attributes)
 * @param table the published table
 * @param round the round
 * @param code the respondent's code
 * @param options the document's title and when the table was made
 * @returns the context, or undefined for a code that is not one of the round's respondents
 */
export function buildRespondentContext(
  report: CompiledReport,
  table: PublishedTable,
  round: ReportRound,
  code: string,
  options: { title?: string; generatedAt: string },
): RespondentContext | undefined {
  const who = report.population.byKey.get(code);
  if (!who) return undefined;
  const rows = table.rows.filter((r) => r.$respondent === code && r.$kind !== 'missing');
  const ds = report.datasets.get(table.dataset);
  const dateKey = ds?.columns.find((c) => c.spec.meta === 'submittedAt' && c.publish)?.key;
  const first = rows[0];
  const indsendt = first && dateKey && typeof first[dateKey] === 'string' ? (first[dateKey] as string) : null;
  return {
    runde: { id: round.id, titel: round.title },
    titel: options.title ?? round.title,
    genereret: options.generatedAt,
    respondent: { kode: code, navn: who.name, ental: report.population.words.one, attributter: who.attributes, indsendt },
    raekker: rows.map((r) => ({
      ...(tableRowValues(r) as TableRow),
      felter: table.columns.map((c) => ({ noegle: c.noegle, overskrift: c.overskrift, type: c.type, vaerdi: cellAt(r, c.noegle) })),
    })),
    ordbog: table.columns,
  };
}
