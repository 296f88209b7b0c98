import { cellAt, type PublishedTable } from './build-table.ts';
import { toCsv } from './to-csv.ts';

/**
 * The published table as CSV for Danish Excel (see `CSV_DIALECT`).
 * @param table the table
 * @returns the file's bytes
 */
export function tableToCsv(table: PublishedTable): Buffer {
  const keys = table.columns.map((c) => c.noegle);
  // A generator, so the rows are turned into cells one at a time rather than all at once.
  function* cells() {
    for (const r of table.rows) yield keys.map((k) => cellAt(r, k));
  }
  return toCsv(table.columns, cells());
}
