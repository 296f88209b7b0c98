import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRound, loadRounds, type Registry } from '../../engine/node.ts';
import { buildMemoContext, carryInto, readReportsInput, reportOf } from '../../reports/index.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const FIXTURE = path.join(ROOT, 'test/fixtures/reports/answers-2024.json');

async function indberet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/indberet.js'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The product tree as git sees it (every changed or new file with its content hash), to prove the test touched none of it. */
async function productState(): Promise<string> {
  const { stdout } = await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT });
  const files = stdout.split('\n').filter(Boolean).map((l) => l.slice(3));
  if (files.length === 0) return '';
  const { stdout: hashes } = await run('git', ['hash-object', '--', ...files.filter((f) => !f.endsWith('/'))], { cwd: ROOT }).catch(() => ({ stdout: '' }));
  return `${stdout}\n${hashes}`;
}

const readJson = async (file: string): Promise<any> => JSON.parse(await readFile(file, 'utf8'));
const writeJson = (file: string, value: unknown) => writeFile(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * What an analyst does for next year's round, in files only: copy the round, rename a group of
 * questions (with its lineage), add a question per unit, and declare a column, a figure and a
 * chart for it in the report spec and the memo template. No TypeScript is touched; everything
 * downstream (check, memo, table, dictionary, a respondent's page, year-over-year) must follow.
 */
async function makeNextRound(schemas: string): Promise<void> {
  const dir = await copyRound(schemas, '2024', '2025');
  const schemaFile = path.join(dir, 'maaltal.schema.json');
  const text = (await readFile(schemaFile, 'utf8')).replaceAll('"niveau2"', '"niveauTo"').replaceAll('"niveau2.', '"niveauTo.');
  const schema = JSON.parse(text);
  const enhed = schema.$defs.enhed;
  enhed.properties.niveauTo['x-lineage'] = { previous: '/enheder/*/niveau2' };
  enhed.properties.ansatte = { type: 'integer', minimum: 0, maximum: 100000, title: 'Ansatte i enheden', description: 'Antal ansatte i enheden ved årets udgang.' };
  enhed.properties.kommentar = { type: 'string', maxLength: 500, title: 'Bemærkning til enheden', description: 'Fri tekst.' };
  await writeJson(schemaFile, schema);

  const uiFile = path.join(dir, 'maaltal.ui.json');
  const ui = JSON.parse((await readFile(uiFile, 'utf8')).replaceAll('"niveau2"', '"niveauTo"'));
  ui.enheder.items['ui:order'].splice(1, 0, 'ansatte', 'kommentar');
  ui.enheder.items.kommentar = { 'ui:widget': 'textarea' };
  await writeJson(uiFile, ui);

  const specFile = path.join(dir, 'reports.json');
  const spec = JSON.parse((await readFile(specFile, 'utf8')).replaceAll('enheder[].niveau2.', 'enheder[].niveauTo.'));
  spec.datasets.enheder.columns.push({ key: 'ansatte', path: 'enheder[].ansatte', total: 'sum' }, { key: 'kommentar', path: 'enheder[].kommentar' });
  spec.figures.ansatteIalt = { title: 'Ansatte i de indberettede enheder', sum: 'ansatte' };
  spec.charts.ansatte = {
    title: 'Ansatte pr. kommune',
    description: 'Søjlediagram: antal ansatte i hver kommune, der har indberettet.',
    data: { dataset: 'enheder', rows: 'respondents' },
    vegaLite: { mark: 'bar', encoding: { x: { field: 'kommune', type: 'nominal', title: 'Kommune' }, y: { field: 'ansatte', type: 'quantitative', title: 'Ansatte' } } },
  };
  await writeJson(specFile, spec);

  const memoFile = path.join(dir, 'templates/notat.hbs');
  const memo = await readFile(memoFile, 'utf8');
  const extra = '<h2 id="ansatte">Ansatte</h2>\n<p>De indberettede enheder har {{tal figurer.ansatteIalt.vaerdi}} ansatte.</p>\n{{diagram diagrammer.ansatte}}\n\n<h2 id="metode">';
  await writeFile(memoFile, memo.replace('<h2 id="metode">', extra));
}

/** The 2024 fixture's answers carried into the new form by hand, each unit given a head count. */
function answersFor2025(entries: any[]): { entries: any[]; ansatte: number } {
  let ansatte = 0;
  const next = entries.map((e, i) => ({
    ...e,
    submittedAt: e.submittedAt.replace('2024-', '2025-'),
    answers: {
      ...e.answers,
      enheder: e.answers.enheder.map((u: any, j: number) => {
        const { niveau2, ...rest } = u;
        const count = 100 * (i + 1) + j;
        ansatte += count;
        return { ...rest, niveauTo: niveau2, ansatte: count, kommentar: `Bemærkning ${i}.${j}` };
      }),
    },
  }));
  return { entries: next, ansatte };
}

describe('a new round made of files only', () => {
  let dir: string;
  let schemas: string;
  let registry: Registry;
  let entries2024: any[];
  let input2025: string;
  let ansatte: number;

  let productBefore: string;

  beforeAll(async () => {
    productBefore = await productState();
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-new-round-'));
    schemas = path.join(dir, 'schemas');
    await cp(path.join(ROOT, 'schemas/2024'), path.join(schemas, '2024'), { recursive: true });
    await makeNextRound(schemas);
    registry = await loadRounds(schemas);
    entries2024 = await readJson(FIXTURE);
    const made = answersFor2025(entries2024);
    ansatte = made.ansatte;
    input2025 = path.join(dir, 'answers-2025.json');
    await writeJson(input2025, made.entries);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads, and its report spec and templates check clean', async () => {
    expect(registry.round('2025')).toBeDefined();
    expect(reportOf(registry.round('2025')!).problems).toEqual([]);
    const check = await indberet(['report', 'check', '--schemas', schemas]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Runde 2025');
  });

  it('round diff lists what changed in the report spec beside the form\'s changes', async () => {
    const diff = await indberet(['round', 'diff', '2024', '2025', '--schemas', schemas]);
    expect(diff.stdout).toContain('kolonnen "ansatte" i datasættet "enheder" er tilføjet');
    expect(diff.stdout).toContain('tallet "ansatteIalt" er tilføjet');
    expect(diff.stdout).toContain('diagrammet "ansatte" er tilføjet');
    // The renamed group's columns read new paths: changed, not broken.
    expect(diff.stdout).toMatch(/ændret \/datasets\/enheder\/columns\/\d+: kolonnen "niveau2Kvinder"/);
    expect(diff.stdout).not.toContain('BRYDER /datasets');
  });

  it('refuses a template that names a figure the spec does not declare, by file and line', async () => {
    const memoFile = path.join(schemas, '2025/templates/notat.hbs');
    const good = await readFile(memoFile, 'utf8');
    try {
      await writeFile(memoFile, good.replace('figurer.ansatteIalt.vaerdi', 'figurer.ansatteIAlt.vaerdi'));
      const check = await indberet(['report', 'check', '--schemas', schemas, '--round', '2025']);
      expect(check.code).toBe(1);
      expect(check.stdout + check.stderr).toMatch(/notat\.hbs:\d+: .*ansatteIAlt/);
    } finally {
      await writeFile(memoFile, good);
    }
  });

  // Seven CLI processes, each loading the rounds: slow on a loaded machine, not stuck.
  it('shows the new question in the memo, the table, the dictionary and a respondent\'s page', async () => {
    const out = path.join(dir, 'out');
    const common = ['--schemas', schemas, '--round', '2025', '--input', input2025, '--out', out, '--tidspunkt', '2025-06-01T10:00:00Z', '--stille'];
    const memo = await indberet(['report', 'render', '--template', 'notat', '--format', 'html', ...common]);
    expect(memo.stderr).toBe('');
    const html = await readFile(path.join(out, 'notat-2025.html'), 'utf8');
    // Danish thousands separator: the hand sum, formatted as the memo formats numbers.
    expect(html).toContain(`De indberettede enheder har ${ansatte.toLocaleString('da-DK')} ansatte.`);
    expect(html).toContain('<title id="diagram-');
    expect(html).toContain('Ansatte pr. kommune');
    expect((html.match(/<svg /g) ?? []).length).toBe(3);

    const table = await indberet(['report', 'table', '--format', 'csv', ...common]);
    expect(table.stderr).toBe('');
    const rows = parseDanishCsv(await readFile(path.join(out, 'tabel-2025.csv'), 'utf8'));
    const header = rows[0]!;
    const col = header.indexOf('Ansatte i enheden');
    expect(col).toBeGreaterThan(-1);
    const reported = rows.slice(1).filter((r) => r[header.indexOf('Række')] !== 'Forvaltning' && r[col] !== '');
    expect(reported).toHaveLength(entries2024.length);
    expect(reported.reduce((sum, r) => sum + Number(r[col]!.replace(/\./g, '')), 0)).toBe(ansatte);
    // The renamed group keeps its column, read from its new path.
    expect(rows.slice(1).some((r) => r[header.indexOf('Niveau 2: kvinder')] !== '')).toBe(true);

    const dictionary = parseDanishCsv(await readFile(path.join(out, 'tabel-dataordbog-2025.csv'), 'utf8'));
    const entry = dictionary.find((r) => r[0] === 'ansatte');
    expect(entry).toBeDefined();
    expect(entry).toContain('Ansatte i enheden');
    expect(entry!.join(' ')).toContain('svar: enheder[].ansatte');

    expect(rows.slice(1).filter((r) => r[header.indexOf('Bemærkning til enheden')]?.startsWith('Bemærkning ')).length).toBeGreaterThanOrEqual(entries2024.length);

    for (const format of ['xlsx', 'json']) {
      const r = await indberet(['report', 'table', '--format', format, ...common]);
      expect(r.stderr, format).toBe('');
    }
    const json = await readJson(path.join(out, 'tabel-2025.json'));
    expect(JSON.stringify(json)).toContain('Bemærkning 4.2');
    expect(JSON.stringify(json)).toContain('"ansatte"');
    const xlsx = await readFile(path.join(out, 'tabel-2025.xlsx'));
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    const tablePage = await indberet(['report', 'render', '--template', 'tabel', '--format', 'html', ...common]);
    expect(tablePage.stderr).toBe('');
    const tableHtml = await readFile(path.join(out, 'tabel-2025.html'), 'utf8');
    expect(tableHtml).toContain('Ansatte i enheden');
    expect(tableHtml).toContain('Bemærkning 4.2');

    const pdf = await indberet(['report', 'render', '--template', 'notat', '--format', 'pdf', ...common]);
    expect(pdf.stderr).toBe('');
    const pdfText = (await run('pdftotext', ['-layout', path.join(out, 'notat-2025.pdf'), '-'])).stdout;
    expect(pdfText.replace(/\s+/g, ' ')).toContain(`De indberettede enheder har ${ansatte.toLocaleString('da-DK')} ansatte.`);

    const page = await indberet(['report', 'render', '--template', 'kommune', '--respondent', '0751', '--format', 'html', ...common]);
    expect(page.stderr).toBe('');
    expect(await readFile(path.join(out, 'kommune-2025-0751.html'), 'utf8')).toContain('Aarhus');
  }, 240_000);

  it('shows the change from last year in the memo when last year\'s reports come from a file too', async () => {
    const out = path.join(dir, 'out-yoy');
    const args = ['report', 'render', '--template', 'notat', '--format', 'html', '--schemas', schemas, '--round', '2025', '--out', out, '--stille'];
    const without = await indberet([...args, '--input', input2025]);
    expect(without.stderr).toBe('');
    expect(await readFile(path.join(out, 'notat-2025.html'), 'utf8')).toContain('Der er ingen tidligere runde at sammenligne med.');
    const withPrevious = await indberet([...args, '--input', input2025, '--forrige-input', FIXTURE]);
    expect(withPrevious.stderr).toBe('');
    const html = await readFile(path.join(out, 'notat-2025.html'), 'utf8');
    expect(html).toContain(`Ændring fra ${registry.round('2024')!.title}`);
    // The same people both years: every change is nil, the renamed level included.
    const section = html.slice(html.indexOf('id="udvikling"'), html.indexOf('id="metode"'));
    expect(section).toMatch(/Andel kvinder i den øverste ledelse<\/th><td class="tal">[\d,]+\s%<\/td><td class="tal">[\d,]+\s%<\/td><td class="tal">0,0 procentpoint/);
  });

  it('compares every figure with last year through the renamed fields', async () => {
    const r2024 = registry.round('2024')!;
    const r2025 = registry.round('2025')!;
    const report2024 = reportOf(r2024).report!;
    const report2025 = reportOf(r2025).report!;
    const read2024 = readReportsInput(entries2024, r2024.forms.get('maaltal')!);
    const read2025 = readReportsInput(await readJson(input2025), r2025.forms.get('maaltal')!);
    if ('problems' in read2024 || 'problems' in read2025) throw new Error(JSON.stringify([read2024, read2025]));
    const last = await buildMemoContext({ report: report2024, round: r2024, reports: read2024.reports, generatedAt: '2024-06-01T10:00:00Z', charts: false });
    const now = await buildMemoContext({
      report: report2025,
      round: r2025,
      reports: read2025.reports,
      generatedAt: '2025-06-01T10:00:00Z',
      charts: false,
      previous: { round: r2024, reports: read2024.reports, carry: carryInto(r2025, 'maaltal') },
    });
    const women2 = last.figurer.niveau2Kvinder as { vaerdi: number };
    expect(women2.vaerdi).toBeGreaterThan(0);
    // The same answers under the new name: last year's value is found, and nothing changed.
    expect(now.figurer.niveau2Kvinder!.forrige).toEqual({ vaerdi: women2.vaerdi });
    expect(now.figurer.niveau2Kvinder!.aendring).toBe(0);
    expect(now.figurer.andelKvinder!.aendring).toBe(0);
    expect(now.forrige).toEqual({ runde: { id: '2024', titel: r2024.title } });
    // The new question had no answers last year: its sum then was 0 of no units.
    expect((now.figurer.ansatteIalt as { vaerdi: number }).vaerdi).toBe(ansatte);
  });

  // Last, so it sees what every test above did.
  it('changed nothing outside its temporary round folder', async () => {
    expect(await productState()).toBe(productBefore);
  });
});
