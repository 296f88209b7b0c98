import type ExcelJS from 'exceljs';
import { cellAt, type Cell, type PublishedTable } from './build-table.ts';
import { formatValueLabels } from './dictionary-to-csv.ts';
import { neutraliseCell } from './neutralise-cell.ts';
import type { RoundFacts } from './round-facts.ts';
import type { ColumnType } from './report-spec.ts';

function value(cell: Cell, type: ColumnType): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell ? 'ja' : 'nej';
  if (typeof cell === 'number') return cell;
  if (type === 'dato' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(`${cell}T00:00:00Z`);
  // A plain string is never a formula in XLSX, but a user who edits the cell in Excel would turn it
  // into one, and copies to CSV would too: neutralise the same way as the CSV.
  return neutraliseCell(cell);
}

/**
 * The published table as an XLSX workbook: a sheet of rows with typed cells (numbers stay
 * numbers, dates are dates) and a sheet with the data dictionary.
 * @param table the table
 * @param facts the round's facts, for the sheet's title
 * @returns the file's bytes
 */
export async function tableToXlsx(table: PublishedTable, facts: RoundFacts): Promise<Buffer> {
  // Loaded on first use, like Chromium: exceljs is large and only XLSX downloads need it.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.title = facts.titel;
  const sheet = wb.addWorksheet('Indberetninger', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.overskrift,
    key: c.noegle,
    width: Math.min(40, Math.max(10, c.overskrift.length + 2)),
    style:
      c.type === 'decimaltal' ? { numFmt: '0.0' } : c.type === 'dato' ? { numFmt: 'dd-mm-yyyy' } : c.type === 'heltal' ? { numFmt: '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of table.rows) sheet.addRow(table.columns.map((c) => value(cellAt(r, c.noegle), c.type)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };

  const dict = wb.addWorksheet('Dataordbog');
  dict.columns = [
    { header: 'Kolonne', key: 'noegle', width: 24 },
    { header: 'Overskrift', key: 'overskrift', width: 36 },
    { header: 'Type', key: 'type', width: 12 },
    { header: 'Kilde', key: 'kilde', width: 36 },
    { header: 'Beskrivelse', key: 'beskrivelse', width: 80 },
    { header: 'Værdier', key: 'vaerdier', width: 60 },
  ];
  dict.getRow(1).font = { bold: true };
  for (const e of table.columns) {
    dict.addRow([e.noegle, e.overskrift, e.type, e.kilde, e.beskrivelse, formatValueLabels(e.vaerdier)].map((t) => neutraliseCell(t)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
