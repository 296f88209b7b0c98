// Spreadsheets read a cell starting with these as a formula (a tab or carriage return first can
// hide one); leading spaces are skipped by some readers, so they do not make a formula safe.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * Makes a text cell harmless in CSV and XLSX by prefixing `'` when a spreadsheet could read it as
 * a formula. Numbers are never passed here, so they stay numbers.
 * @param text user-written text
 * @returns the text, prefixed when needed
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
