import { Ajv } from 'ajv';
import fc from 'fast-check';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandardAjv } from '../../engine/create-ajv.ts';
import { compileForm, createAjv, precompiledKey, precompileForms } from '../../engine/node.ts';

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    c: { const: { a: [1, 'x'] } },
    s: { const: 'x' },
    e: { enum: ['a', 1, null, { b: true }, [1, 2]] },
    u: { type: 'array', uniqueItems: true },
    n: { type: 'array', items: { type: 'number' }, uniqueItems: true, contains: { type: 'number' }, maxContains: 2 },
    m: { type: 'array', items: { type: ['string', 'integer', 'null'] }, uniqueItems: true },
    p: { type: 'array', prefixItems: [{ type: 'number' }], unevaluatedItems: false, uniqueItems: true },
    d: { type: 'array', uniqueItems: { $data: '1/flag' } },
    k: { const: { $data: '1/s' } },
    flag: {},
  },
};

// Ordinary JSON: keys that no object answers from its prototype.
const json = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'x', 1, 1.5, 2, -0, 0, null, true, false, '1', '1_'),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b'), tie('v'), { maxKeys: 2, noNullPrototype: true }),
  ),
})).v;

describe('jsonEquality', () => {
  it('reports exactly what ajv reports, in the same order, on ordinary data', () => {
    const standard = createStandardAjv('2020-12', true, { $data: true }).compile(structuredClone(SCHEMA));
    const ours = createAjv('2020-12', true, { $data: true }).compile(structuredClone(SCHEMA));
    const list = fc.array(json, { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.record({ c: json, s: json, e: json, u: list, n: list, m: list, p: list, d: list, k: json, flag: fc.constantFrom(true, false, 1) }, { requiredKeys: [] }),
        (data) => {
          expect(ours(data)).toBe(standard(data));
          expect(ours.errors).toEqual(standard.errors);
        },
      ),
      { numRuns: 3000 },
    );
  });

  const special: [string, object, unknown, boolean][] = [
    ['items differing by an own valueOf', { type: 'array', uniqueItems: true }, [{}, { valueOf: '' }], true],
    ['items differing by an own toString', { type: 'array', uniqueItems: true }, [{ toString: 1 }, { toString: 2 }], true],
    ['equal items with a constructor key', { type: 'array', uniqueItems: true }, [{ constructor: {} }, { constructor: {} }], false],
    ['a repeated "__proto__"', { type: 'array', items: { type: 'string' }, uniqueItems: true }, ['__proto__', 'x', '__proto__'], false],
    ['const against an own valueOf', { const: { a: 1 } }, { valueOf: '' }, false],
    ['const with a constructor key', { const: { constructor: {} } }, { constructor: {} }, true],
    ['enum with an own valueOf', { enum: [{ a: 1 }, 2] }, { valueOf: 'x' }, false],
  ];

  it('gives JSON Schema’s verdict where ajv threw or erred, and never throws', () => {
    for (const [name, schema, data, valid] of special) {
      const form = compileForm(schema as Record<string, unknown>);
      expect(form.validate(data).ok, name).toBe(valid);
    }
    // ajv's own equality, for the record: these are the cases it got wrong.
    const plain = new Ajv({ allErrors: true, strict: false });
    expect(() => plain.compile({ type: 'array', uniqueItems: true })([{}, { valueOf: '' }])).toThrow(TypeError);
    expect(plain.compile({ type: 'array', items: { type: 'string' }, uniqueItems: true })(['__proto__', '__proto__'])).toBe(true);
  });

  it('gives the same verdicts in validators compiled ahead of time for the browser', async () => {
    const forms = special.map(([, schema], i) => compileForm(schema as Record<string, unknown>, { name: `f${i}` }));
    const dir = await mkdtemp(path.join(path.resolve(import.meta.dirname, '../../node_modules'), '.precompiled-'));
    const file = path.join(dir, 'validators.mjs');
    await writeFile(file, precompileForms(forms));
    const { validators } = (await import(file)) as { validators: Record<string, (d: unknown) => boolean> };
    special.forEach(([name, , data, valid], i) => {
      expect((validators[precompiledKey(`f${i}`, '')] as (d: unknown) => boolean)(data), name).toBe(valid);
    });
  });
});
