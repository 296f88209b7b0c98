import { describe, expect, it } from 'vitest';
import {
  buildAllDatasets,
  buildPublication,
  countSubmittedReports,
  createDatasetBuilder,
  fillDemoData,
  loadDatasets,
  loadRoundTemplates,
  loadSubmittedReports,
  reportOf,
  submittedReportPages,
} from '../../reports/index.ts';
import { forEachDialect } from '../helpers/test-database.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';

const NOW = new Date('2026-01-10T12:00:00Z');

forEachDialect('datasets read from the store page by page', (t) => {
  it('are the rows built from every report read at once, whatever the page size', async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const report = reportOf(round).report!;
    const filled = await fillDemoData({ db: t.db, registry, clock: () => NOW }, { roundId: '2024', seed: 11, missing: 4 });
    expect(filled).toMatchObject({ ok: true, submitted: 94 });

    const linkTo = (k: string) => `https://example.dk/offentlig/2024/kommune/${k}`;
    const whole = buildAllDatasets(report, round, await loadSubmittedReports(t.db, '2024', report.formName), linkTo);
    const rows = whole.get('enheder')!;
    // The population has what the comparison must cover: missing respondents, and ones with several units.
    expect(rows.filter((r) => r.$kind === 'missing')).toHaveLength(4);
    expect(rows.some((r) => r.$kind === 'total')).toBe(true);

    // Pages of 7 cut through the population and, on the store's key order, not in code order.
    const pages: number[] = [];
    for await (const page of submittedReportPages(t.db, '2024', report.formName, 7)) pages.push(page.length);
    expect(pages).toEqual([...Array<number>(13).fill(7), 3]);
    for (const pageSize of [7, 94, 2000]) expect(await loadDatasets(t.db, report, round, { linkTo, pageSize })).toEqual(whole);
    // Without a link maker the link column is empty, as buildAllDatasets leaves it.
    const unlinked = await loadDatasets(t.db, report, round);
    expect([...unlinked.get('enheder')!.values()].some((r) => r.link !== null)).toBe(false);
    expect(unlinked).toEqual(buildAllDatasets(report, round, await loadSubmittedReports(t.db, '2024', report.formName)));
    // Only the datasets asked for are built.
    expect([...(await loadDatasets(t.db, report, round, { datasets: [] })).keys()]).toEqual([]);
    expect((await loadDatasets(t.db, report, round, { datasets: ['enheder'], linkTo })).get('enheder')).toEqual(rows);
  });

  it('make the publication that every report read at once makes, and are counted without being read', async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const report = reportOf(round).report!;
    expect(await fillDemoData({ db: t.db, registry, clock: () => NOW }, { roundId: '2024', seed: 12, missing: 3 })).toMatchObject({ ok: true });
    const reports = await loadSubmittedReports(t.db, '2024', report.formName);
    expect(await countSubmittedReports(t.db, '2024', report.formName)).toBe(reports.length);
    expect(await countSubmittedReports(t.db, '2024', 'no such form')).toBe(0);

    const templates = (await loadRoundTemplates(SCHEMAS_DIR, round)).set!;
    const input = { report, round, templates, generatedAt: NOW.toISOString(), publicUrl: 'https://example.dk' };
    const whole = await buildPublication({ ...input, reports });
    const paged = await buildPublication({ ...input, reports: { db: t.db } });
    expect(paged.tables).toEqual(whole.tables);
    // As the publication store writes them: a built table's rows label their cells when written.
    expect(JSON.stringify(paged.tables)).toBe(JSON.stringify(whole.tables));
    // The table links each row to its respondent's page, so its rows were built with links.
    expect(Object.values(paged.tables).some((tb) => tb.rows.some((r) => typeof r.link === 'string' && r.link.startsWith('https://example.dk/')))).toBe(true);
    const text = Object.keys(whole.files).filter((f) => !f.endsWith('.xlsx'));
    expect(text.length).toBeGreaterThan(2);
    for (const f of text) expect(paged.files[f], f).toEqual(whole.files[f]);
    expect(Object.keys(paged.files).sort()).toEqual(Object.keys(whole.files).sort());
  });
});

describe('a dataset builder fed reports one at a time', () => {
  it('keeps the latest report per respondent, whatever order they come in, and drops what does not count', async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const report = reportOf(round).report!;
    const ds = report.datasets.get('enheder')!;
    const [a, b] = report.population.list;
    const unit = (n: number) => ({ navn: 'x', niveau1: { kvinder: n, maend: 1 }, niveau2: { kvinder: 0, maend: 1 } });
    const sub = (respondent: string, submittedAt: string, n: number) => ({ respondent, submittedAt, answers: { enheder: [unit(n)] } });
    const builder = createDatasetBuilder(report, ds, { timeZone: 'Europe/Copenhagen' });
    // 22:00Z is later than 23:30+02:00 of the same day, although it sorts first as text.
    builder.add(sub(a!.key, '2024-05-01T22:00:00Z', 5));
    builder.add(sub(a!.key, '2024-05-01T23:30:00+02:00', 3));
    // On the same instant the report added later wins.
    builder.add(sub(b!.key, '2024-05-02T10:00:00Z', 1));
    builder.add(sub(b!.key, '2024-05-02T12:00:00+02:00', 2));
    builder.add(sub(b!.key, 'not a time', 9));
    builder.add(sub('no such respondent', '2024-05-03T10:00:00Z', 9));
    const rows = builder.rows();
    expect(rows).toHaveLength(report.population.list.length);
    expect(rows[0]).toMatchObject({ $respondent: a!.key, $kind: 'single', niveau1Kvinder: 5 });
    expect(rows[1]).toMatchObject({ $respondent: b!.key, $kind: 'single', niveau1Kvinder: 2 });
    expect(rows.slice(2).every((r) => r.$kind === 'missing')).toBe(true);
  });
});
