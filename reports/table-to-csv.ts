import type { PublishedTable } from './build-table.ts';
import { toCsv } from './to-csv.ts';

/**
 * The published table as CSV for Danish Excel (see `CSV_DIALECT`).
 * @param table the table
 * @returns the file's text
 */
export function tableToCsv(table: PublishedTable): string {
  const keys = table.columns.map((c) => c.noegle);
  return toCsv(
    table.columns,
    table.rows.map((r) => keys.map((k) => r[k])),
  );
}
