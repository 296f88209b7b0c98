import ExcelJS from 'exceljs';
import type { Registry } from '../../engine/index.ts';
import { buildContactTemplate } from '../../engine/contacts/index.ts';

/** The contact a test gives a municipality: name, address and the region it really lies in. */
export function contactFor(registry: Registry, kommunekode: string, tag = ''): { navn: string; email: string; regionskode: string; regionsnavn: string } {
  const row = registry.round('2024')!.tables.kommuner![kommunekode]!;
  return {
    navn: `Kontakt ${row.navn}${tag}`,
    email: `kontakt${tag}.${kommunekode}@kommune${kommunekode}.dk`.replace(/[^a-z0-9.@-]/g, ''),
    regionskode: row.regionskode!,
    regionsnavn: row.regionsnavn!,
  };
}

/**
 * Builds a real XLSX contact list from the round's template, every row filled with a valid contact
 * (region written by name, as people do), then lets the test spoil cells.
 * @param registry the rounds
 * @param spoil called with the worksheet after filling
 * @returns the file's bytes
 */
export async function filledContactSheet(registry: Registry, spoil: (sheet: ExcelJS.Worksheet) => void = () => {}): Promise<Buffer> {
  const round = registry.round('2024')!;
  const template = await buildContactTemplate(round, registry.form('2024', 'kontaktliste')!);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Kontaktliste')!;
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const c = contactFor(registry, String(row.getCell('A').value));
    row.getCell('C').value = c.regionsnavn;
    row.getCell('D').value = c.navn;
    row.getCell('E').value = c.email;
  }
  spoil(sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The row of a municipality in the template (row 1 is the heading).
 * @param sheet the worksheet
 * @param kommunekode the municipality
 * @returns the row number
 */
export function rowOf(sheet: ExcelJS.Worksheet, kommunekode: string): number {
  for (let r = 2; r <= sheet.rowCount; r++) if (String(sheet.getRow(r).getCell('A').value) === kommunekode) return r;
  throw new Error(`no row for ${kommunekode}`);
}
