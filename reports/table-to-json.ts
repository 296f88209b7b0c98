import { cellAt, type PublishedTable } from './build-table.ts';
import type { RoundFacts } from './round-facts.ts';

/**
 * The published table as JSON: the round, the data dictionary and the rows keyed by column.
 * Values are kept as they are (numbers, true/false, text); JSON is read by programs, not opened
 * in a spreadsheet, so no cell is altered.
 * @param table the table
 * @param facts the round's facts
 * @param generatedAt ISO-8601 moment of making
 * @returns the JSON text
 */
export function tableToJson(table: PublishedTable, facts: RoundFacts, generatedAt: string): string {
  const keys = table.columns.map((c) => c.noegle);
  return JSON.stringify(
    {
      runde: { id: facts.id, titel: facts.titel, indberetningsaar: facts.indberetningsaar },
      genereret: generatedAt,
      kolonner: table.columns,
      raekker: table.rows.map((r) => Object.fromEntries(keys.map((k) => [k, cellAt(r, k)]))),
    },
    null,
    1,
  );
}
