import type { Round } from '../compile-round.ts';
import type { CompiledForm } from '../types.ts';
import { contactColumns } from './contact-columns.ts';
import { roundMunicipalities } from './option-labels.ts';

/**
 * The contact-list template the ministry sends out: one row per municipality of the round with
 * its code (as text, so 0101 keeps its zero) and name filled in, the form's fields as empty
 * columns (the region as a drop-down of the round's regions), and a sheet of instructions.
 * @param round the round (its `kommuner` table and dates)
 * @param form its `kontaktliste` form
 * @returns the XLSX file's bytes
 * @example
 * const bytes = await buildContactTemplate(registry.round('2024')!, registry.form('2024', 'kontaktliste')!);
 */
export async function buildContactTemplate(round: Round, form: CompiledForm): Promise<Buffer> {
  const columns = contactColumns(form);
  // Loaded at the first template, not when the service starts.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.title = `Kontaktliste ${round.id}`;
  const sheet = wb.addWorksheet('Kontaktliste', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field ?? 'kommunenavn', width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const textCols = new Set(['kommunekode', 'telefon']);
  for (const c of columns) if (c.field && textCols.has(c.field)) sheet.getColumn(c.letter).numFmt = '@';
  const regionTitles = (((form.schema as { properties?: Record<string, { 'x-enumTitles'?: string[] }> }).properties ?? {}).regionskode?.['x-enumTitles'] ?? []) as string[];
  const regionCol = columns.find((c) => c.field === 'regionskode');
  for (const m of roundMunicipalities(round)) {
    const row = sheet.addRow(columns.map((c) => (c.field === 'kommunekode' ? m.kommunekode : c.field === null ? m.navn : null)));
    if (regionCol && regionTitles.length > 0) {
      row.getCell(regionCol.letter).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${regionTitles.join(',')}"`],
        showErrorMessage: true,
        errorTitle: 'Ukendt region',
        error: 'Vælg en af de fem regioner.',
      };
    }
  }
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  const info = wb.addWorksheet('Vejledning');
  info.getColumn(1).width = 110;
  const lines = [
    `Kontaktliste: ${round.title}`,
    '',
    'Udfyld én række pr. kommune med kommunens kontaktperson for indberetningen.',
    'Kontaktpersonen modtager brugernavn og et link til at vælge adgangskode direkte på sin e-mail.',
    `Kolonnerne ${columns.filter((c) => c.field !== 'kommunekode' && c.field !== null).map((c) => c.header).join(', ')} udfyldes.`,
    'Kommunekode og kommunenavn må ikke ændres. Telefonnummer er valgfrit.',
    ...(datoer.kontaktlisteFrist ? [`Frist: ${datoer.kontaktlisteFrist}.`] : []),
  ];
  for (const l of lines) info.addRow([l]);
  info.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
