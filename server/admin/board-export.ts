import { boardStatusLabel, type BoardLabels, type BoardRow } from '../../engine/contacts/index.ts';
import { CSV_DIALECT, neutraliseCell } from '../../reports/index.ts';
import { formatDateTime } from '../../renderer/index.ts';

// The respondent's code, name and group come first, headed in the round's own words.
const HEADINGS = [
  'Status',
  'Bemærkning',
  'Kontaktperson',
  'E-mail',
  'Telefon',
  'Login sendt',
  'Senest logget ind',
  'Indsendt',
  'Påmindelser',
  'Seneste aktivitet',
] as const;

function headings(labels: BoardLabels): string[] {
  return [labels.code, labels.name, ...(labels.group ? [labels.group] : []), ...HEADINGS];
}

function cells(r: BoardRow, timeZone: string, labels: BoardLabels): Array<string | number | null> {
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, timeZone) : null);
  return [
    r.code,
    r.navn,
    ...(labels.group ? [r.group] : []),
    boardStatusLabel(r.status),
    r.detail || null,
    r.contact?.navn ?? null,
    r.contact?.email ?? null,
    r.contact?.telefon ?? null,
    when(r.login?.sentAt),
    when(r.lastLoginAt),
    when(r.submission?.submittedAt),
    r.reminders.count,
    when(r.lastActivity),
  ];
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = neutraliseCell(v);
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The board as CSV in the reports' dialect for Danish Excel (UTF-8 with BOM, semicolons, CRLF),
 * every text cell that could be read as a formula neutralised.
 * @param rows the rows to export
 * @param timeZone the round's time zone, for dates
 * @param labels the round's words for its respondents
 * @returns the file's text, BOM included
 */
export function boardToCsv(rows: readonly BoardRow[], timeZone: string, labels: BoardLabels): string {
  const lines = [headings(labels).map(csvField).join(CSV_DIALECT.separator)];
  for (const r of rows) lines.push(cells(r, timeZone, labels).map(csvField).join(CSV_DIALECT.separator));
  return CSV_DIALECT.bom + lines.join(CSV_DIALECT.newline) + CSV_DIALECT.newline;
}

/**
 * The board as an XLSX workbook with the same columns; text cells neutralised like the CSV.
 * @param rows the rows to export
 * @param timeZone the round's time zone
 * @param title the workbook's title
 * @param labels the round's words for its respondents
 * @returns the file's bytes
 */
export async function boardToXlsx(rows: readonly BoardRow[], timeZone: string, title: string, labels: BoardLabels): Promise<Buffer> {
  const columns = headings(labels);
  // Loaded at the first export, not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.title = title;
  const sheet = wb.addWorksheet('Oversigt', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((h) => ({ header: h, width: Math.max(12, h.length + 4) }));
  sheet.getColumn(1).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(cells(r, timeZone, labels).map((c) => (typeof c === 'string' ? neutraliseCell(c) : c)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
