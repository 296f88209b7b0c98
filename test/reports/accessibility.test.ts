import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildRespondentContext,
  buildTable,
  buildTableView,
  carryInto,
  createTemplateSet,
  launchChromium,
  loadRoundTemplates,
  readTemplateFiles,
  reportOf,
  SHARED_TEMPLATE_DIR,
  type DocumentSpec,
  type TemplateSet,
} from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

describe('the shipped pages pass axe (WCAG 2.1 AA)', () => {
  let browser: Browser;
  let page: Page;
  const pages: Record<string, string> = {};
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const report = reportOf(round).report!;
    const doc = (kind: DocumentSpec['kind']): DocumentSpec => Object.values(report.spec.documents ?? {}).find((d) => d.kind === kind)!;
    const reports = submitted(form, TEN_RAW);
    const set: TemplateSet = (await loadRoundTemplates(SCHEMAS_DIR, round)).set!;
    // The generic templates a round without its own gets: the shared memo and respondent page.
    const shared: TemplateSet = createTemplateSet(await readTemplateFiles([SHARED_TEMPLATE_DIR]), 'Europe/Copenhagen').set!;
    const tabel = doc('tabel');
    const table = buildTable({ report, round, dataset: tabel.dataset!, filters: tabel.filters ?? [], reports, linkTo: (k) => `/offentlig/2024/kommune/${k}` });
    const at = '2024-06-15T08:00:00Z';
    const previous = { round: { ...round, id: '2023', title: 'Kønssammensætning 2023' }, reports, carry: carryInto(round, report.formName) };
    const memo = await buildMemoContext({ report, round, reports, generatedAt: at, previous });
    pages.notat = set.render(doc('notat').template!, memo);
    pages['notat uden forrige runde'] = set.render(doc('notat').template!, await buildMemoContext({ report, round, reports, generatedAt: at }));
    pages.tabel = set.render(
      tabel.template!,
      buildTableView(table, round, { regionskode: '1084', sorter: 'andelKvinder' }, { title: tabel.title, generatedAt: at, files: { csv: 'a.csv', xlsx: 'a.xlsx', json: 'a.json', ordbog: 'o.csv' } }),
    );
    const kommune = buildRespondentContext(report, table, round, '0101', { title: doc('respondent').title, generatedAt: at })!;
    pages.kommune = set.render(doc('respondent').template!, kommune);
    pages['kommune uden indberetning'] = set.render(doc('respondent').template!, buildRespondentContext(report, table, round, '0155', { generatedAt: at })!);
    pages['fælles notat'] = shared.render('notat', memo);
    pages['fælles respondent'] = shared.render('respondent', kommune);
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of ['notat', 'notat uden forrige runde', 'tabel', 'kommune', 'kommune uden indberetning', 'fælles notat', 'fælles respondent']) {
    it(name, async () => {
      await page.setContent(pages[name]!);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(5);
    });
  }
});
