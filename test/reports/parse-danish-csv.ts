/**
 * Reads the CSV dialect the reports write (BOM, semicolons, CRLF, double quotes), as a
 * spreadsheet would, so tests look at cells rather than at bytes.
 * @param text the file's text
 * @returns rows of cells
 */
export function parseDanishCsv(text: string): string[][] {
  if (text.charCodeAt(0) !== 0xfeff) throw new Error('missing BOM');
  const s = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('last line does not end with CRLF');
  return rows;
}
