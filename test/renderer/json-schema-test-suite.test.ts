import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileForm, precompiledKey, precompileForms, type CompiledForm, type JsonSchema } from '../../engine/node.ts';
import { formStepData, renderFormApp, stepsOf } from '../../renderer/index.ts';
import { readTestSuite, suiteRemotes, type SuiteGroup } from '../helpers/json-schema-test-suite.ts';
import { round2024 } from './helpers.ts';

const DIALECT = { draft7: 'draft-07', 'draft2020-12': '2020-12' } as const;
// Inside the project, so the generated module finds ajv's runtime through node_modules.
const OUT = path.resolve(import.meta.dirname, '../../test-results/precompiled-suite');

describe.each(['draft7', 'draft2020-12'] as const)('the renderer on the official JSON-Schema-Test-Suite, %s', (dialect) => {
  const remotes = suiteRemotes(dialect);
  const compiled: { group: SuiteGroup; form: CompiledForm }[] = [];
  for (const [i, group] of readTestSuite(dialect).entries()) {
    try {
      compiled.push({ group, form: compileForm(group.schema as JsonSchema, { dialect: DIALECT[dialect], resources: remotes, name: `g${i}` }) });
    } catch {
      // Refused by the engine (by name; the engine's suite test checks that): nothing to render.
    }
  }

  it('renders every step of every schema the engine accepts, empty and with the cases’ answers', async () => {
    const { round } = await round2024();
    const failed: string[] = [];
    for (const { group, form } of compiled) {
      try {
        const steps = stepsOf(form);
        if (steps.length === 0) throw new Error('no step');
        const answers = [{}, group.tests.find((t) => t.valid)?.data, group.tests.find((t) => !t.valid)?.data];
        for (let step = 0; step < steps.length; step++) {
          for (const data of answers) {
            const page = formStepData({
              form, round, lang: 'da', answers: data, version: null, savedAt: null, step, issues: [],
              stepHref: () => '#', reviewHref: '#', draftUrl: '#', csrfToken: '',
            });
            if (renderFormApp(page, form).includes('rjsf-config-error')) throw new Error('rjsf refused the ui');
          }
        }
      } catch (e) {
        failed.push(`${group.file} | ${group.description}: ${(e as Error).message}`);
      }
    }
    console.log(`${dialect}: ${compiled.length} schemas compiled, ${compiled.length - failed.length} render every step`);
    expect(failed).toEqual([]);
  });

  it('gives the server’s verdict with validators precompiled for the browser', async () => {
    await mkdir(OUT, { recursive: true });
    const byFile = new Map<string, { group: SuiteGroup; form: CompiledForm }[]>();
    for (const c of compiled) byFile.set(c.group.file, [...(byFile.get(c.group.file) ?? []), c]);
    const differ: string[] = [];
    const refused: string[] = [];
    let n = 0;
    const load = async (batch: readonly { form: CompiledForm }[]): Promise<Record<string, never>> => {
      const file = path.join(OUT, `${dialect}-${n++}.mjs`);
      await writeFile(file, precompileForms(batch.map((b) => b.form), remotes));
      return ((await import(pathToFileURL(file).href)) as { validators: Record<string, never> }).validators;
    };
    for (const batch of byFile.values()) {
      // Schemas of one file may share an `$id`; those are built one by one.
      let parts: (readonly { group: SuiteGroup; form: CompiledForm }[])[] = [batch];
      let validators: Record<string, never>[] = [];
      try {
        validators = [await load(batch)];
      } catch {
        parts = batch.map((b) => [b]);
        validators = [];
        for (const p of parts) {
          try {
            validators.push(await load(p));
          } catch (e) {
            validators.push({});
            refused.push(`${p[0]!.group.file} | ${p[0]!.group.description}: ${(e as Error).message.slice(0, 160)}`);
          }
        }
      }
      parts.forEach((part, i) => {
        for (const { group, form } of part) {
          const v = validators[i]!;
          if (!v[precompiledKey(form.name, '')]) continue;
          const browser = compileForm(group.schema as JsonSchema, { dialect: DIALECT[dialect], name: form.name, precompiled: (p) => v[precompiledKey(form.name, p)] });
          for (const t of group.tests) {
            if (browser.validate(t.data).ok !== form.validate(t.data).ok) differ.push(`${group.file} | ${group.description} | ${t.description}`);
          }
        }
      });
    }
    console.log(`${dialect}: ${compiled.length - refused.length} of ${compiled.length} schemas precompiled for the browser`);
    expect(differ).toEqual([]);
    expect(refused).toEqual([]);
  });
});
