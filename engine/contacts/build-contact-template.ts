import type { Round } from '../compile-round.ts';
import type { CompiledForm } from '../types.ts';
import { respondentsOf } from '../respondents-of.ts';
import { boardLabels } from './board-labels.ts';
import { contactColumns } from './contact-columns.ts';
import { contactFields } from './contact-form.ts';

/**
 * The contact-list template the ministry sends out: one row per respondent of the round with
 * its code (as text, so 0101 keeps its zero) and name filled in, the form's fields as empty
 * columns (a field with labelled choices as a drop-down of them), and a sheet of instructions.
 * @param round the round (its respondents and dates)
 * @param form its contact-list form
 * @returns the XLSX file's bytes
 * @example
 * const bytes = await buildContactTemplate(round, contactFormOf(round)!);
 */
export async function buildContactTemplate(round: Round, form: CompiledForm): Promise<Buffer> {
  const labels = boardLabels(round);
  const columns = contactColumns(form, labels);
  const roles = contactFields(form);
  // Loaded at the first template, not when the service starts.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.title = `Kontaktliste ${round.id}`;
  const sheet = wb.addWorksheet('Kontaktliste', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.field ?? '$name', width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const textCols = new Set([roles?.key, roles?.phone]);
  for (const c of columns) if (c.field && textCols.has(c.field)) sheet.getColumn(c.letter).numFmt = '@';
  const props = ((form.schema as { properties?: Record<string, { 'x-enumTitles'?: unknown }> }).properties ?? {}) as Record<string, { 'x-enumTitles'?: unknown }>;
  // A drop-down for each field with labelled choices other than the key (Excel's list holds at most 255 characters).
  const choices = columns.flatMap((c) => {
    const titles = c.field && c.field !== roles?.key ? props[c.field]?.['x-enumTitles'] : undefined;
    return Array.isArray(titles) && titles.join(',').length <= 255 ? [{ column: c, titles: titles as string[] }] : [];
  });
  const population = respondentsOf(round);
  for (const m of 'error' in population ? [] : population.list) {
    const row = sheet.addRow(columns.map((c) => (c.field === roles?.key ? m.key : c.field === null ? m.name : null)));
    for (const { column, titles } of choices) {
      row.getCell(column.letter).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${titles.join(',')}"`],
        showErrorMessage: true,
        errorTitle: `Ukendt ${column.header.toLowerCase()}`,
        error: `Vælg en af mulighederne: ${titles.join(', ')}.`,
      };
    }
  }
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  const formName = [...round.forms].find(([, f]) => f === form)?.[0];
  const frist = round.formList.find((f) => f.name === formName)?.frist;
  const deadline = frist ? datoer[frist] : undefined;
  const info = wb.addWorksheet('Vejledning');
  info.getColumn(1).width = 110;
  const lines = [
    `Kontaktliste: ${round.title}`,
    '',
    `Udfyld én række pr. ${labels.one} med kontaktpersonen for indberetningen.`,
    'Kontaktpersonen modtager brugernavn og et link til at vælge adgangskode direkte på sin e-mail.',
    `Kolonnerne ${columns.filter((c) => c.field !== roles?.key && c.field !== null).map((c) => c.header).join(', ')} udfyldes.`,
    `${columns.filter((c) => c.field === roles?.key || c.field === null).map((c) => c.header).join(' og ')} må ikke ændres.`,
    ...(deadline ? [`Frist: ${deadline}.`] : []),
  ];
  for (const l of lines) info.addRow([l]);
  info.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
