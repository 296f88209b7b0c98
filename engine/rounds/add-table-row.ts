import { parseCsv } from '../parse-csv.ts';
import { isObj, parseFile, refuse } from './edit-helpers.ts';
import type { AddTableRowEdit, AppliedEdit, RefusedEdit } from './round-edit.ts';

/** One CSV field as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Appends a row to one of the round's tables (round.json → `tables`): every column of the header
 * filled, the key not already taken, the line ending the file already uses. A row in the
 * respondents' table is a new respondent, seeded when the round is published.
 * @param sources the round's files
 * @param edit the table and the row's values by column
 * @returns the table's file changed, or why not
 */
export function addTableRow(sources: Readonly<Record<string, string>>, edit: AddTableRowEdit): AppliedEdit | RefusedEdit {
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return round;
  const tables = isObj(round.value.tables) ? round.value.tables : {};
  const decl = tables[edit.table];
  if (!isObj(decl) || typeof decl.file !== 'string') return refuse(`round.json har ingen tabel "${edit.table}"`);
  const text = sources[decl.file];
  if (text === undefined) return refuse(`tabellens fil ${decl.file} findes ikke i runden`);
  const [header, ...rows] = parseCsv(text);
  if (!header) return refuse(`${decl.file} har ingen kolonneoverskrifter`);
  const values = header.map((col) => (edit.values[col] ?? '').trim());
  const missing = header.filter((_, i) => values[i] === '');
  if (missing.length > 0) return refuse(`udfyld ${missing.map((m) => `"${m}"`).join(', ')}`);
  const unknown = Object.keys(edit.values).filter((k) => !header.includes(k));
  if (unknown.length > 0) return refuse(`tabellen har ingen kolonne ${unknown.map((m) => `"${m}"`).join(', ')}`);
  const key = typeof decl.key === 'string' ? decl.key : header[0]!;
  const keyAt = header.indexOf(key);
  if (keyAt >= 0 && rows.some((r) => r[keyAt] === values[keyAt])) return refuse(`der findes allerede en række med ${key} ${values[keyAt]}`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.endsWith('\n') ? text : `${text}${eol}`;
  return {
    ok: true,
    files: { [decl.file]: `${body}${values.map(csvField).join(',')}${eol}` },
    summary: [`Rækken ${key} ${values[keyAt >= 0 ? keyAt : 0]} er tilføjet til tabellen ${edit.table} (${decl.file}).`],
  };
}
