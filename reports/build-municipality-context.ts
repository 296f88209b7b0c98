import type { DictionaryEntry } from './build-data-dictionary.ts';
import type { PublishedTable, TableRow } from './build-table.ts';
import type { ReportRound } from './report-round.ts';

/** Everything the page of one municipality's full report may show (context kind `kommune`). */
export interface MunicipalityContext {
  readonly runde: { readonly id: string; readonly titel: string };
  readonly genereret: string;
  readonly kommune: { readonly kommunekode: string; readonly navn: string; readonly region: string; readonly indsendt: string | null };
  /** The municipality's rows of the published table: one per unit. */
  readonly enheder: readonly TableRow[];
  readonly ordbog: readonly DictionaryEntry[];
}

/**
 * Picks one municipality's rows out of the published table for its own page.
 * @param table the published table
 * @param round the round
 * @param kommunekode the municipality
 * @param generatedAt when the table was made
 * @returns the context, or undefined for a code that is not in the table
 */
export function buildMunicipalityContext(
  table: PublishedTable,
  round: ReportRound,
  kommunekode: string,
  generatedAt: string,
): MunicipalityContext | undefined {
  const rows = table.rows.filter((r) => r.kommunekode === kommunekode);
  const first = rows[0];
  if (!first) return undefined;
  return {
    runde: { id: round.id, titel: round.title },
    genereret: generatedAt,
    kommune: {
      kommunekode,
      navn: String(first.kommune ?? kommunekode),
      region: String(first.region ?? ''),
      indsendt: typeof first.indsendt === 'string' ? first.indsendt : null,
    },
    enheder: first.statusKode === 'ikkeIndberettet' ? [] : rows,
    ordbog: table.columns,
  };
}
