import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileForm, type JsonSchema } from '../../engine/index.ts';
import { stepsOf } from '../../renderer/index.ts';
import { renderEveryStep, round2024 } from './helpers.ts';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/foreign-forms');

// Forms written the way other tools' authors write them (root oneOf, a condition without
// `type: "object"`, maps, tuples, fields only a branch declares), one file each: schema and a valid answer.
const FORMS = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as { schema: JsonSchema; data: unknown }) }));

describe('forms written for other tools', () => {
  it.each(FORMS)('$name compiles, accepts its answer and renders every step', async ({ name, schema, data }) => {
    const { round } = await round2024();
    const form = compileForm(schema, { name });
    expect(form.validate(data)).toEqual({ ok: true, value: data });
    const steps = stepsOf(form);
    expect(steps.length).toBeGreaterThan(0);
    for (const html of renderEveryStep(form, round, [data])) {
      expect(html).not.toContain('rjsf-config-error');
      expect(html).toContain('<form');
    }
  });

  it('puts a field that only a branch declares in a step, after the field its condition reads', () => {
    const form = compileForm(FORMS.find((f) => f.name === 'fields-only-in-branches')!.schema);
    expect(stepsOf(form).flatMap((s) => s.fields)).toEqual(['harBil', 'maerke', 'bemaerkning']);
  });

  it('gives a form whose root has no fields one step holding the whole form', () => {
    for (const name of ['root-scalar', 'root-array', 'map']) {
      const steps = stepsOf(compileForm(FORMS.find((f) => f.name === name)!.schema));
      expect(steps).toHaveLength(1);
      expect(steps[0]?.fields).toEqual([]);
    }
  });
});
