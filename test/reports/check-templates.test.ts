import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../engine/index.ts';
import {
  checkTemplates,
  createTemplateSet,
  documentShape,
  readTemplateFiles,
  reportOf,
  templateDirs,
  templateShapes,
  type CompiledReport,
  type ContextKind,
  type Shape,
  type TemplateSource,
} from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';

const tpl = (name: string, source: string, partial = false): TemplateSource => ({ name, file: `${name}.hbs`, source, partial });

describe('template check', () => {
  let schema: JsonSchema;
  let report: CompiledReport;
  let shipped: TemplateSource[];
  /** As `report check` does: each template a document uses, against its document's context. */
  let used: (name: string) => Shape | undefined;
  /** Also a template no document uses, against the context it declares over the 2024 dataset. */
  let any: (name: string, kind: ContextKind) => Shape | undefined;
  const dirs: string[] = [];
  const lineOf = (name: string, text: string) => shipped.find((s) => s.name === name)!.source.split('\n').findIndex((l) => l.includes(text)) + 1;

  beforeAll(async () => {
    const compiled = reportOf((await testRegistry()).round('2024')!);
    if (!compiled.report) throw new Error(`the 2024 report spec does not compile: ${JSON.stringify(compiled.problems)}`);
    report = compiled.report;
    schema = report.schema;
    const shapes = templateShapes(report);
    used = (name) => shapes.get(name)?.shape;
    any = (name, kind) => shapes.get(name)?.shape ?? documentShape(report, { kind, dataset: 'enheder' });
    shipped = await readTemplateFiles(templateDirs(SCHEMAS_DIR, '2024'));
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('finds nothing wrong in the shipped templates', () => {
    expect(shipped.map((s) => s.name).sort()).toEqual(['kolonnehoved', 'kommune', 'notat', 'respondent', 'stil', 'tabel']);
    // The round's own memo replaces the shared one.
    expect(shipped.find((s) => s.name === 'notat')!.file).toBe(path.join(SCHEMAS_DIR, '2024', 'templates', 'notat.hbs'));
    expect(checkTemplates(shipped, schema, used)).toEqual([]);
    // The shared generic templates (the respondent page no 2024 document uses, the shared memo
    // the round overrides) also fit the 2024 spec.
    const shared = shipped.filter((s) => s.name !== 'notat' && s.name !== 'kommune');
    expect(checkTemplates(shared, schema, any)).toEqual([]);
  });

  it('checks only the templates a document uses, by the shape of that document', () => {
    const wrong = tpl('ubrugt', '{{!-- kontekst: notat --}}\n{{findesikke}}');
    expect(checkTemplates([wrong], schema, used)).toEqual([]);
    expect(checkTemplates([wrong], schema, any)).toHaveLength(1);
    // The same name under the table document: the table page's shape, not the memo's.
    const page = tpl('tabel', '{{!-- kontekst: tabel --}}\n{{antal.vist}} {{figurer.andelKvinder.vaerdi}}');
    const problems = checkTemplates([page], schema, used);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('ukendt felt "figurer"');
  });

  it('names file and line of an unknown field, helper, partial and argument', () => {
    const problems = checkTemplates(
      [
        ...shipped.filter((s) => s.partial),
        tpl(
          'notat',
          [
            '{{!-- kontekst: notat --}}',
            '<p>{{runde.titl}}</p>',
            '{{#each opdelinger.regioner}}{{etiket}} {{foo}}{{/each}}',
            '{{ukendt 1}} {{> findesikke}}',
            '{{forkort runde.titel}} {{tal figurer.andelKvinder.vaerdi 1 2}}',
            '{{figurer}}',
            '{{figurer.findesIkke.vaerdi}}',
          ].join('\n'),
        ),
      ],
      schema,
      used,
    );
    const lines = problems.map((p) => `${p.file}:${p.line}`);
    expect(lines).toEqual(['notat.hbs:2', 'notat.hbs:3', 'notat.hbs:4', 'notat.hbs:4', 'notat.hbs:5', 'notat.hbs:5', 'notat.hbs:6', 'notat.hbs:7']);
    expect(problems[0]!.message).toContain('ukendt felt "titl"');
    expect(problems[1]!.message).toContain('ukendt felt "foo"');
    expect(problems[2]!.message).toContain('ukendt hjælper "ukendt"');
    expect(problems[3]!.message).toContain('ukendt delskabelon "findesikke"');
    expect(problems[4]!.message).toContain('"forkort" tager 2 argumenter, fik 1');
    expect(problems[5]!.message).toContain('"tal" tager 1–2 argumenter, fik 3');
    expect(problems[6]!.message).toContain('ikke en enkelt værdi');
    expect(problems[7]!.message).toContain('ukendt felt "findesIkke"');
  });

  it('requires a guard before reading into the previous round, which may be absent', () => {
    const base = '{{!-- kontekst: notat --}}\n';
    const check = (source: string) => checkTemplates([tpl('notat', `${base}${source}`)], schema, used);
    expect(check('{{forrige.runde.id}}')).toHaveLength(1);
    expect(check('{{figurer.andelKvinder.forrige.vaerdi}}')).toHaveLength(1);
    expect(check('{{#each opdelinger.regioner}}{{fordeling.andel}}{{/each}}')).toHaveLength(1);
    expect(check('{{#if forrige}}{{forrige.runde.id}}{{/if}}')).toEqual([]);
    expect(check('{{#if figurer.andelKvinder.forrige}}{{procent figurer.andelKvinder.forrige.vaerdi}}{{/if}}')).toEqual([]);
    expect(check('{{#with forrige}}{{runde.id}} {{point ../figurer.ligelig.aendring}}{{/with}}')).toEqual([]);
    expect(check('{{#each opdelinger.regioner}}{{../runde.id}} {{@root.runde.id}} {{@index}}{{/each}}')).toEqual([]);
    expect(check('{{#each opdelinger.regioner as |r i|}}{{r.etiket}} {{i}}{{/each}}')).toEqual([]);
    // An #unless guards its else branch only.
    expect(check('{{#unless forrige}}{{else}}{{forrige.runde.id}}{{/unless}}')).toEqual([]);
    expect(check('{{#unless forrige}}{{forrige.runde.id}}{{/unless}}')).toHaveLength(1);
  });

  it('resolves the table fields a template reads against the round schema', () => {
    const changed = structuredClone(schema) as { $defs: { politik: { then: { properties: Record<string, unknown> } } } };
    delete changed.$defs.politik.then.properties.indhold;
    const problems = checkTemplates(shipped, changed as unknown as JsonSchema, used);
    // The municipality page prints the policy's content by name; the generic table page prints
    // its cells without naming them, so it reads no field of the schema.
    // Once in the #if that tests it and once where it is printed.
    expect(problems).toHaveLength(2);
    for (const p of problems) {
      expect(p.file).toBe(path.join(SCHEMAS_DIR, '2024', 'templates', 'kommune.hbs'));
      expect(p.line).toBe(lineOf('kommune', '{{politikIndhold}}'));
      expect(p.message).toContain('"politikIndhold" læser feltet "enheder[].politik.indhold"');
    }
  });

  it('requires a context declaration and reports syntax errors with their line', () => {
    expect(checkTemplates([tpl('x', '<p>{{runde.id}}</p>')], schema, any)[0]!.message).toContain('kontekst');
    expect(checkTemplates([tpl('x', '{{!-- kontekst: brev --}}\n')], schema, any)[0]!.message).toContain('ukendt kontekst "brev"');
    const syntax = checkTemplates([tpl('y', '{{!-- kontekst: notat --}}\n\n{{#if runde.id}}\n')], schema, any);
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('lets a round override a shared template and add its own', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-tpl-'));
    dirs.push(dir);
    await mkdir(path.join(dir, '2024', 'templates'), { recursive: true });
    await writeFile(path.join(dir, '2024', 'templates', 'notat.hbs'), '{{!-- kontekst: notat --}}\n<p>Eget notat: {{tal figurer.indberettet.antal}}</p>');
    await writeFile(path.join(dir, '2024', 'templates', 'kort.hbs'), '{{!-- kontekst: notat --}}\n<p>{{procent figurer.andelKvinder.vaerdi}}</p>');
    const sources = await readTemplateFiles(templateDirs(dir, '2024'));
    expect(sources.find((s) => s.name === 'notat')!.file).toBe(path.join(dir, '2024', 'templates', 'notat.hbs'));
    expect(checkTemplates(sources, schema, any)).toEqual([]);
    const set = createTemplateSet(sources, 'Europe/Copenhagen').set!;
    // This folder has no kommune.hbs: only the shared templates and its own two.
    expect(set.names).toEqual(['kort', 'notat', 'respondent', 'tabel']);
    expect(set.source('notat').source).toContain('Eget notat');
  });
});
