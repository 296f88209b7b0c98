import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildRespondentContext,
  buildTable,
  buildTableView,
  carryInto,
  checkTemplates,
  createTemplateSet,
  documentShape,
  reportOf,
  shapeMismatches,
  type CompiledReport,
  type DocumentSpec,
  type MemoContext,
  type PublishedTable,
  type ReportRound,
  type RespondentContext,
  type Shape,
  type TableViewContext,
  type TemplateSource,
} from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

const AT = '2024-06-01T00:00:00Z';

describe('the shapes the template check uses match the contexts the code builds', () => {
  let report: CompiledReport;
  let round: ReportRound;
  let memo: MemoContext;
  let table: PublishedTable;
  let view: TableViewContext;
  let kommune: RespondentContext;
  const doc = (kind: DocumentSpec['kind']): DocumentSpec => {
    const found = Object.values(report.spec.documents ?? {}).find((d) => d.kind === kind);
    if (!found) throw new Error(`the 2024 spec has no ${kind} document`);
    return found;
  };
  const shape = (kind: DocumentSpec['kind']): Shape => documentShape(report, doc(kind));

  beforeAll(async () => {
    const registry = await testRegistry();
    round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const compiled = reportOf(registry.round('2024')!);
    if (!compiled.report) throw new Error(`the 2024 report spec does not compile: ${JSON.stringify(compiled.problems)}`);
    report = compiled.report;
    const reports = submitted(form, TEN_RAW);
    // A rendered chart is one opaque value to a template (only the diagram helper reads it), so
    // the shape declares each chart as a value and the charts are left unrendered here.
    memo = await buildMemoContext({
      report,
      round,
      reports,
      generatedAt: AT,
      previous: { round, reports, carry: carryInto(registry.round('2024')!, report.formName) },
      charts: false,
    });
    const tabel = doc('tabel');
    table = buildTable({ report, round, dataset: tabel.dataset!, filters: tabel.filters ?? [], reports, linkTo: (k) => `/k/${k}` });
    kommune = buildRespondentContext(report, table, round, '0101', { generatedAt: AT })!;
    view = buildTableView(table, round, {}, { generatedAt: AT, files: { csv: 'a', xlsx: 'b', json: 'c', ordbog: 'd' } });
  });

  it('memo: every key built is declared and every declared key is built', () => {
    expect(memo.forrige).not.toBeNull();
    expect(Object.keys(memo.figurer).length).toBeGreaterThan(0);
    expect(shapeMismatches(memo, shape('notat'))).toEqual([]);
  });

  it('memo without a previous round: the figures carry no previous value and still match', async () => {
    const alone = await buildMemoContext({ report, round, reports: submitted((await testRegistry()).form('2024', 'maaltal')!, TEN_RAW), generatedAt: AT, charts: false });
    expect(alone.forrige).toBeNull();
    expect(Object.values(alone.figurer).every((f) => f.forrige === null && f.aendring === null)).toBe(true);
    expect(shapeMismatches(alone, shape('notat'))).toEqual([]);
  });

  it('memo: the shape names every chart the spec declares', async () => {
    const declared = shape('notat');
    const charts = declared.t === 'object' ? declared.props.diagrammer : undefined;
    expect(charts?.t).toBe('object');
    expect(Object.keys(charts?.t === 'object' ? charts.props : {}).sort()).toEqual(Object.keys(memo.diagrammer).sort());
    expect(Object.keys(memo.diagrammer).length).toBeGreaterThan(0);
  });

  it('table page: every key built is declared and every declared key is built', () => {
    expect(view.raekker.length).toBeGreaterThan(0);
    expect(shapeMismatches(view, shape('tabel'))).toEqual([]);
  });

  it('respondent page: every key built is declared and every declared key is built', () => {
    // København's two departments and its total.
    expect(kommune.raekker).toHaveLength(3);
    expect(kommune.respondent.indsendt).toBe('2024-05-20');
    expect(shapeMismatches(kommune, shape('respondent'))).toEqual([]);
  });

  it('respondent page of a municipality that has not reported still matches its shape', () => {
    const none = buildRespondentContext(report, table, round, '0155', { generatedAt: AT })!;
    expect(none.raekker).toEqual([]);
    expect(none.respondent).toMatchObject({ navn: 'Dragør', indsendt: null });
    expect(shapeMismatches(none, shape('respondent'))).toEqual([]);
  });

  it('notices a key the shape does not declare and one it declares that is missing', () => {
    expect(shapeMismatches({ ...memo, ekstra: 1 }, shape('notat'))).toEqual(['.ekstra: findes i data, men ikke i formen']);
    const { andelKvinder: _dropped, ...rest } = memo.figurer;
    expect(shapeMismatches({ ...memo, figurer: rest }, shape('notat'))).toEqual(['.figurer.andelKvinder: findes i formen, men ikke i data']);
  });

  it('a template the check accepts renders in strict mode with and without a previous round', () => {
    const source: TemplateSource = {
      name: 'k',
      file: 'k.hbs',
      source: '{{!-- kontekst: notat --}}\n{{#with forrige}}{{runde.id}}: {{point ../figurer.ligelig.aendring}}{{else}}ingen{{/with}}',
      partial: false,
    };
    expect(checkTemplates([source], report.schema, (_name, kind) => documentShape(report, { kind }))).toEqual([]);
    const set = createTemplateSet([source], 'Europe/Copenhagen').set!;
    // The previous round here is the same round, so the change is zero.
    expect(set.render('k', memo)).toBe('2024: 0,0');
    expect(set.render('k', { ...memo, forrige: null })).toBe('ingen');
  });
});
