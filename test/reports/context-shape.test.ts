import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildTable,
  buildMunicipalityContext,
  buildTableView,
  createTemplateSet,
  MUNICIPALITY_SHAPE,
  type MunicipalityContext,
  MEMO_SHAPE,
  shapeMismatches,
  TABLE_SHAPE,
  type MemoContext,
  type TableViewContext,
} from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

describe('the shapes the template check uses match the contexts the code builds', () => {
  let memo: MemoContext;
  let view: TableViewContext;
  let kommune: MunicipalityContext;
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const reports = submitted(form, TEN_RAW);
    memo = buildMemoContext({ round, reports, generatedAt: '2024-06-01T00:00:00Z', previous: { round, reports } });
    const { table } = buildTable({ round, schema: form.schema, reports, linkTo: (k) => `/k/${k}` });
    kommune = buildMunicipalityContext(table, round, '0101', '2024-06-01T00:00:00Z')!;
    view = buildTableView(table, round, {}, { generatedAt: '2024-06-01T00:00:00Z', files: { csv: 'a', xlsx: 'b', json: 'c', ordbog: 'd' } });
  });

  it('memo: every key built is declared and every declared key is built', () => {
    expect(memo.forrige).not.toBeNull();
    expect(shapeMismatches(memo, MEMO_SHAPE)).toEqual([]);
  });

  it('table page: every key built is declared and every declared key is built', () => {
    expect(shapeMismatches(view, TABLE_SHAPE)).toEqual([]);
  });

  it('municipality page: every key built is declared and every declared key is built', () => {
    expect(kommune.enheder).toHaveLength(2);
    expect(shapeMismatches(kommune, MUNICIPALITY_SHAPE)).toEqual([]);
  });

  it('notices a key the shape does not declare', () => {
    expect(shapeMismatches({ ...memo, ekstra: 1 }, MEMO_SHAPE)).toEqual(['.ekstra: findes i data, men ikke i formen']);
  });

  it('a template the check accepts renders in strict mode with and without a previous round', () => {
    const source = '{{!-- kontekst: notat --}}\n{{#with forrige}}{{runde.id}}: {{point aendring.ligelig}}{{else}}ingen{{/with}}';
    const set = createTemplateSet([{ name: 'k', file: 'k.hbs', source, partial: false }], 'Europe/Copenhagen').set!;
    // The previous round here is the same round, so the change is zero.
    expect(set.render('k', memo)).toBe('2024: 0,0');
    expect(set.render('k', { ...memo, forrige: null })).toBe('ingen');
  });
});
