import type { Cell } from './build-table.ts';
import type { ColumnType } from './table-columns.ts';
import { neutraliseCell } from './neutralise-cell.ts';

/** The CSV dialect Danish Excel opens correctly by double-click. */
export const CSV_DIALECT = Object.freeze({
  /** UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1252 and breaks æøå. */
  bom: '\uFEFF',
  /** Danish Excel's list separator is the semicolon, because the comma is the decimal sign. */
  separator: ';',
  /** Windows line ends; line breaks inside a quoted cell stay as written. */
  newline: '\r\n',
  decimal: ',',
});

/** A column as CSV writes it: its heading and type. */
export interface CsvColumn {
  readonly overskrift: string;
  readonly type: ColumnType;
}

function field(value: Cell, type: ColumnType): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'ja' : 'nej';
  if (typeof value === 'number') {
    // Plain digits with a decimal comma and no thousands separator: Excel reads it as a number.
    return type === 'decimaltal' ? String(value).replace('.', CSV_DIALECT.decimal) : String(value);
  }
  const text = neutraliseCell(value);
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV for Danish Excel: UTF-8 with BOM, semicolons, CRLF, decimal comma, double
 * quotes around text with separators, quotes or line breaks, and formula-like text neutralised.
 * @param columns headings and types, in order
 * @param rows each row's cells in the same order
 * @returns the file's text, BOM included
 */
export function toCsv(columns: readonly CsvColumn[], rows: Iterable<readonly Cell[]>): string {
  const out: string[] = [CSV_DIALECT.bom, columns.map((c) => field(c.overskrift, 'tekst')).join(CSV_DIALECT.separator), CSV_DIALECT.newline];
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) out.push(CSV_DIALECT.separator);
      out.push(field(row[i] ?? null, columns[i]!.type));
    }
    out.push(CSV_DIALECT.newline);
  }
  return out.join('');
}
