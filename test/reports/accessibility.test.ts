import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildMunicipalityContext,
  buildTable,
  buildTableView,
  launchChromium,
  loadRoundTemplates,
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
    const reports = submitted(form, TEN_RAW);
    const set: TemplateSet = (await loadRoundTemplates(SCHEMAS_DIR, round)).set!;
    const { table } = buildTable({ round, schema: form.schema, reports, linkTo: (k) => `/offentlig/2024/kommune/${k}` });
    const at = '2024-06-15T08:00:00Z';
    pages.memo = set.render('memo', buildMemoContext({ round, reports, generatedAt: at, previous: { round: { ...round, id: '2023' }, reports } }));
    pages.table = set.render('table', buildTableView(table, round, { region: '1084', sorter: 'andelKvinder' }, { generatedAt: at, files: { csv: 'a.csv', xlsx: 'a.xlsx', json: 'a.json', ordbog: 'o.csv' } }));
    pages.kommune = set.render('kommune', buildMunicipalityContext(table, round, '0101', at)!);
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of ['memo', 'table', 'kommune']) {
    it(name, async () => {
      await page.setContent(pages[name]!);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(5);
    });
  }
});
