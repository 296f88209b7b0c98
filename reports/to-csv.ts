import type { Cell } from './build-table.ts';
import type { ColumnType } from './report-spec.ts';
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

/** Lines are encoded to UTF-8 in batches of about this many characters. */
const CHUNK = 1 << 16;

/**
 * Writes rows as CSV for Danish Excel: UTF-8 with BOM, semicolons, CRLF, decimal comma, double
 * quotes around text with separators, quotes or line breaks, and formula-like text neutralised.
 * @param columns headings and types, in order
 * @param rows each row's cells in the same order
 * @returns the file's bytes, BOM included
 */
export function toCsv(columns: readonly CsvColumn[], rows: Iterable<readonly Cell[]>): Buffer {
  // Encoded in batches, not joined into one string: at 100 000 rows one string (two bytes a
  // character once it holds the BOM) and the list of lines behind it cost well over 100 MB.
  const chunks: Buffer[] = [Buffer.from(CSV_DIALECT.bom, 'utf8')];
  let text = columns.map((c) => field(c.overskrift, 'tekst')).join(CSV_DIALECT.separator) + CSV_DIALECT.newline;
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) text += CSV_DIALECT.separator;
      text += field(row[i] ?? null, columns[i]!.type);
    }
    text += CSV_DIALECT.newline;
    if (text.length >= CHUNK) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  chunks.push(Buffer.from(text, 'utf8'));
  return Buffer.concat(chunks);
}
