import type { CompiledForm } from '../types.ts';
import type { ContactColumn } from './contact-columns.ts';
import { contactFields } from './contact-form.ts';
import { optionLabels } from './option-labels.ts';
import type { SheetRow } from './read-contact-sheet.ts';

/** One problem in one cell, in Danish, named by row and column as the spreadsheet shows them. */
export interface RowError {
  readonly row: number;
  /** Column letter in the uploaded file, or '' when the problem concerns the whole row. */
  readonly column: string;
  /** The column's heading. */
  readonly header: string;
  readonly field: string;
  readonly message: string;
}

/** The outcome of checking every row. */
export interface ContactCheck {
  readonly total: number;
  /** Valid rows with the form's validated answer. */
  readonly valid: ReadonlyArray<{ readonly row: number; readonly value: Readonly<Record<string, unknown>> }>;
  readonly errors: readonly RowError[];
  /** Row numbers with at least one error, ascending. */
  readonly invalidRows: readonly number[];
  /** Rows with only the pre-filled municipality (nobody filled them in): neither imported nor errors. */
  readonly blankRows: readonly number[];
}

/**
 * Checks each row with the round's contact-list form, exactly as a single answer would be checked,
 * after reading spreadsheet habits kindly (a code typed as the number 101 is 0101; a region may
 * be written by name). A municipality named twice is an error on the later row.
 * @param form the `kontaktliste` form
 * @param rows the rows read from the file
 * @param columns the expected columns (for headings)
 * @param letters field → column letter in the uploaded file
 * @returns valid rows with the form's value, and every error
 */
export function checkContactRows(
  form: CompiledForm,
  rows: readonly SheetRow[],
  columns: readonly ContactColumn[],
  letters: Readonly<Record<string, string>>,
): ContactCheck {
  const labels = optionLabels(form);
  const headerOf = (field: string) => columns.find((c) => c.field === field)?.header ?? field;
  const key = contactFields(form)?.key ?? '';
  const keys = keyValues(form, key);
  const valid: Array<{ row: number; value: Record<string, unknown> }> = [];
  const errors: RowError[] = [];
  const blankRows: number[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const filled = Object.entries(r.cells).filter(([f, v]) => f !== key && v !== '');
    if (filled.length === 0) {
      blankRows.push(r.row);
      continue;
    }
    const data: Record<string, string> = {};
    for (const [field, text] of Object.entries(r.cells)) {
      if (text === '') continue;
      let v = text;
      if (field === key) v = keys.get(v) ?? v;
      const byLabel = labels.get(field)?.get(v.toLowerCase());
      if (byLabel !== undefined) v = byLabel;
      data[field] = v;
    }
    const rowErrors: RowError[] = [];
    const checked = form.validate(data, { lang: 'da' });
    if (!checked.ok) {
      for (const issue of checked.issues) {
        const field = issue.path.split('/')[1] ?? '';
        rowErrors.push({ row: r.row, column: letters[field] ?? '', header: field ? headerOf(field) : '', field, message: issue.message });
      }
    }
    const kode = data[key];
    if (kode !== undefined) {
      const first = seen.get(kode);
      if (first !== undefined) {
        rowErrors.push({
          row: r.row,
          column: letters[key] ?? '',
          header: headerOf(key),
          field: key,
          message: `Koden ${kode} står allerede i række ${first}. Hver kode må kun stå én gang.`,
        });
      } else {
        seen.set(kode, r.row);
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (checked.ok) valid.push({ row: r.row, value: checked.value as Record<string, unknown> });
  }
  const invalidRows = [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b);
  return { total: rows.length - blankRows.length, valid, errors, invalidRows, blankRows };
}

/**
 * The key field's allowed codes, each also under its digits without leading zeros: a
 * spreadsheet that read the code 0101 as the number 101 still names the right respondent.
 * @param form the contact-list form
 * @param key the key field
 * @returns code and unpadded code → code
 */
function keyValues(form: CompiledForm, key: string): Map<string, string> {
  const prop = ((form.schema as { properties?: Record<string, { enum?: unknown[] }> }).properties ?? {})[key];
  const m = new Map<string, string>();
  for (const v of prop?.enum ?? []) {
    if (typeof v !== 'string') continue;
    m.set(v, v);
    if (/^0+\d/.test(v)) m.set(v.replace(/^0+/, ''), v);
  }
  return m;
}

/**
 * One error as a line of Danish text: "Række 14, kolonne E (Kontaktpersonens e-mail): …".
 * @param e the error
 * @returns the line
 */
export function formatRowError(e: RowError): string {
  const where = e.column ? `kolonne ${e.column} (${e.header})` : e.header ? `(${e.header})` : 'hele rækken';
  return `Række ${e.row}, ${where}: ${e.message}`;
}
