import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ContactColumn } from './contact-columns.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';

/** One data row as read: its row number in the sheet and the text of each form field's cell. */
export interface SheetRow {
  /** 1-based, as the spreadsheet shows it (row 1 is the heading). */
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** The rows of a contact list and where each field was found. */
export interface ContactSheet {
  readonly ok: true;
  readonly rows: readonly SheetRow[];
  /** field → column letter in the uploaded file (columns may be in any order). */
  readonly letters: Readonly<Record<string, string>>;
}

/** The largest contact list accepted (rows); 98 municipalities fit many times over. */
export const MAX_ROWS = 2000;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Excel keeps what was typed as numbers, hyperlinks, rich text or formulas: each becomes its text. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  }
  return String(v);
}

/** Danish Excel writes CSV in Windows-1252 unless told otherwise; valid UTF-8 is read as such. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function loadWorkbook(bytes: Buffer, filename: string): Promise<ExcelJS.Worksheet | ContactsFailure> {
  // Loaded at the first upload, not when the service starts.
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  const isZip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  try {
    if (isZip) {
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets.find((s) => s.name === 'Kontaktliste') ?? wb.worksheets[0];
      return sheet ?? contactsFail('FILE_UNREADABLE', { filename, reason: 'regnearket har ingen ark' });
    }
    if (/\.xlsx?$/i.test(filename)) return contactsFail('FILE_UNREADABLE', { filename, reason: 'filen er ikke et gyldigt XLSX-regneark' });
    const text = decodeText(bytes);
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    // map keeps every value as written: "0101" must not become the number 101.
    const sheet = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter }, map: (v: unknown) => v } as never);
    return sheet;
  } catch (e) {
    return contactsFail('FILE_UNREADABLE', { filename, reason: String((e as Error).message ?? e).slice(0, 200) });
  }
}

/**
 * Reads a contact list from XLSX (any sheet named "Kontaktliste", else the first) or CSV
 * (semicolon or comma, UTF-8 or Windows-1252). Columns are found by their heading in row 1
 * (the form's titles or property names, in any order); unknown columns are ignored.
 * @param bytes the file
 * @param filename its name (only to tell CSV from a broken XLSX, and for messages)
 * @param columns the expected columns
 * @returns the rows, or FILE_UNREADABLE with a Danish reason
 */
export async function readContactSheet(bytes: Buffer, filename: string, columns: readonly ContactColumn[]): Promise<ContactSheet | ContactsFailure> {
  const loaded = await loadWorkbook(bytes, filename);
  if ('ok' in loaded) return loaded;
  const sheet = loaded;
  const header = sheet.getRow(1);
  const byHeading = new Map<string, string>();
  for (const c of columns) {
    if (!c.field) continue;
    for (const h of [c.header, ...c.aliases]) byHeading.set(norm(h), c.field);
  }
  const fieldAt = new Map<number, string>();
  const letters: Record<string, string> = {};
  header.eachCell({ includeEmpty: false }, (cell, col) => {
    const field = byHeading.get(norm(cellText(cell.value)));
    if (field && !(field in letters)) {
      fieldAt.set(col, field);
      letters[field] = columnLetter(col);
    }
  });
  const missing = columns.filter((c) => c.field && !(c.field in letters) && c.field !== 'telefon').map((c) => `"${c.header}"`);
  if (missing.length > 0) {
    return contactsFail('FILE_UNREADABLE', { filename, reason: `række 1 mangler kolonneoverskriften ${missing.join(', ')}` });
  }
  if (sheet.rowCount - 1 > MAX_ROWS) return contactsFail('FILE_UNREADABLE', { filename, reason: `filen har flere end ${MAX_ROWS} rækker` });
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Record<string, string> = {};
    let any = false;
    for (const [col, field] of fieldAt) {
      const text = cellText(row.getCell(col).value).trim();
      cells[field] = text;
      if (text !== '') any = true;
    }
    if (any) rows.push({ row: r, cells });
  }
  return { ok: true, rows, letters };
}

function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
