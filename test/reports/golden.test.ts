import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMemoContext, buildRespondentContext, buildTable, buildTableView, createTemplateSet, readTemplateFiles, reportOf, roundFacts, tableToCsv, tableToJson, templateDirs, type TemplateSet } from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { fixedPopulation } from '../fixtures/reports/fixed-population.ts';

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/reports');
const GENERATED_AT = '2024-06-14T10:00:00Z';

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it after a deliberate change. */
async function golden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} was missing and has been written; check it in`);
  }
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('golden files over the fixed population', () => {
  let set: TemplateSet;
  let memo: string;
  let csv: string;
  let page: string;
  let stored: string;
  let json: string;
  let tablePage: string;
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const report = reportOf(round).report!;
    const reports = fixedPopulation(registry);
    const built = createTemplateSet(await readTemplateFiles(templateDirs(SCHEMAS_DIR, '2024')), 'Europe/Copenhagen');
    if (!built.set) throw new Error(JSON.stringify(built.problems));
    set = built.set;
    memo = set.render('notat', await buildMemoContext({ report, round, reports, generatedAt: GENERATED_AT }));
    const table = buildTable({ report, round, dataset: 'enheder', reports, linkTo: (k) => `https://example.dk/offentlig/2024/kommune/${k}` });
    csv = tableToCsv(table).toString('utf8');
    // A split municipality's page: its units and its total.
    page = set.render('kommune', buildRespondentContext(report, table, round, '0751', { generatedAt: GENERATED_AT })!);
    // As the publication store writes the tables, and as the public page shows one filtered and sorted.
    stored = JSON.stringify({ tables: { tabel: table } });
    json = tableToJson(table, roundFacts(round, report.formName), GENERATED_AT);
    tablePage = set.render('tabel', buildTableView(table, round, { regionskode: '1084', sorter: 'andelKvinder', retning: 'faldende' }, { generatedAt: GENERATED_AT }));
  });

  it('stores, writes as JSON and shows the table exactly as approved', async () => {
    await golden('tabel-2024-stored.json', stored);
    await golden('tabel-2024.json', json);
    await golden('tabel-2024.html', tablePage);
  });

  it('renders the memo HTML exactly as approved', async () => {
    await golden('notat-2024.html', memo);
  });

  it('writes the table CSV exactly as approved', async () => {
    await golden('tabel-2024.csv', csv);
  });

  it('renders a split municipality\'s page exactly as approved', async () => {
    await golden('kommune-2024-0751.html', page);
  });

  it('the approved memo says what the population says', () => {
    expect(memo).toContain('<strong>95 af 98 kommuner</strong>');
    for (const name of ['Lyngby-Taarbæk', 'Rudersdal', 'Odder']) expect(memo).toContain(`<td>${name}</td>`);
    expect(memo).toContain('role="img"');
  });
});
