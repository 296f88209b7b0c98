import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../engine/index.ts';
import { checkTemplates, createTemplateSet, readTemplateFiles, SHARED_TEMPLATE_DIR, templateDirs, type TemplateSource } from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';

const tpl = (name: string, source: string, partial = false): TemplateSource => ({ name, file: `${name}.hbs`, source, partial });

describe('template check', () => {
  let schema: JsonSchema;
  let shipped: TemplateSource[];
  beforeAll(async () => {
    schema = (await testRegistry()).form('2024', 'maaltal')!.schema;
    shipped = await readTemplateFiles(templateDirs(SCHEMAS_DIR, '2024'));
  });

  it('finds nothing wrong in the shipped templates', () => {
    expect(shipped.map((s) => s.name).sort()).toEqual(['kolonnehoved', 'kommune', 'memo', 'stil', 'table']);
    expect(checkTemplates(shipped, schema)).toEqual([]);
  });

  it('names file and line of an unknown field, helper, partial and argument', () => {
    const problems = checkTemplates(
      [
        ...shipped,
        tpl(
          'bad',
          ['{{!-- kontekst: notat --}}', '<p>{{runde.titl}}</p>', '{{#each regioner}}{{navn}} {{foo}}{{/each}}', '{{ukendt 1}} {{> findesikke}}', '{{soejlediagram regioner etiket="nav" vaerdi="andelKvinder" titel="x"}}', '{{koen}}'].join('\n'),
        ),
      ],
      schema,
    );
    const lines = problems.map((p) => `${p.file}:${p.line}`);
    expect(lines).toEqual(['bad.hbs:2', 'bad.hbs:3', 'bad.hbs:4', 'bad.hbs:4', 'bad.hbs:5', 'bad.hbs:6']);
    expect(problems[0]!.message).toContain('ukendt felt "titl"');
    expect(problems[1]!.message).toContain('ukendt felt "foo"');
    expect(problems[2]!.message).toContain('ukendt hjælper "ukendt"');
    expect(problems[3]!.message).toContain('ukendt delskabelon "findesikke"');
    expect(problems[4]!.message).toContain('feltet "nav"');
    expect(problems[5]!.message).toContain('ikke en enkelt værdi');
  });

  it('requires a guard before reading into the previous round, which may be absent', () => {
    const base = '{{!-- kontekst: notat --}}\n';
    expect(checkTemplates([tpl('a', `${base}{{forrige.runde.id}}`)], schema)).toHaveLength(1);
    expect(checkTemplates([tpl('b', `${base}{{#if forrige}}{{forrige.runde.id}}{{/if}}`)], schema)).toEqual([]);
    expect(checkTemplates([tpl('c', `${base}{{#with forrige}}{{runde.id}} {{point aendring.ligelig}}{{/with}}`)], schema)).toEqual([]);
    expect(checkTemplates([tpl('d', `${base}{{#each regioner}}{{../runde.id}} {{@root.runde.id}} {{@index}}{{/each}}`)], schema)).toEqual([]);
    expect(checkTemplates([tpl('e', `${base}{{#each regioner as |r i|}}{{r.navn}} {{i}}{{/each}}`)], schema)).toEqual([]);
  });

  it('resolves the table fields a template reads against the round schema', () => {
    const changed = structuredClone(schema) as { $defs: { politik: { then: { properties: Record<string, unknown> } } } };
    delete changed.$defs.politik.then.properties.indhold;
    const problems = checkTemplates(shipped, changed as unknown as JsonSchema);
    // Both the table page and the municipality page print the policy's content.
    expect(problems.map((p) => path.basename(p.file))).toEqual(['kommune.hbs', 'table.hbs']);
    for (const p of problems) expect(p.message).toContain('enheder[].politik.indhold');
    const lineOf = (name: string, text: string) => shipped.find((s) => s.name === name)!.source.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(problems[1]!.file).toBe(path.join(SHARED_TEMPLATE_DIR, 'table.hbs'));
    expect(problems[1]!.line).toBe(lineOf('table', 'politikIndhold 160'));
    expect(problems[0]!.line).toBe(lineOf('kommune', '{{politikIndhold}}'));
  });

  it('requires a context declaration and reports syntax errors with their line', () => {
    expect(checkTemplates([tpl('x', '<p>{{runde.id}}</p>')], schema)[0]!.message).toContain('kontekst');
    const syntax = checkTemplates([tpl('y', '{{!-- kontekst: notat --}}\n\n{{#if runde.id}}\n')], schema);
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('lets a round override a shared template and add its own', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-tpl-'));
    await mkdir(path.join(dir, '2024', 'templates'), { recursive: true });
    await writeFile(path.join(dir, '2024', 'templates', 'memo.hbs'), '{{!-- kontekst: notat --}}\n<p>Eget notat: {{tal indberetning.indberettet.antal}}</p>');
    await writeFile(path.join(dir, '2024', 'templates', 'kort.hbs'), '{{!-- kontekst: notat --}}\n<p>{{procent koen.samlet.andelKvinder}}</p>');
    const sources = await readTemplateFiles(templateDirs(dir, '2024'));
    expect(sources.find((s) => s.name === 'memo')!.file).toBe(path.join(dir, '2024', 'templates', 'memo.hbs'));
    expect(checkTemplates(sources, schema)).toEqual([]);
    const set = createTemplateSet(sources, 'Europe/Copenhagen').set!;
    expect(set.names).toEqual(['kommune', 'kort', 'memo', 'table']);
  });
});
