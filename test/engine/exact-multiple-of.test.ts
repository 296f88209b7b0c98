import fc from 'fast-check';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandardAjv } from '../../engine/create-ajv.ts';
import { isMultipleOf } from '../../engine/exact-multiple-of.ts';
import { compileForm, precompiledKey, precompileForms } from '../../engine/node.ts';

const SHARE = { type: 'object', properties: { andel: { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.1 } } };
// Every one-decimal share from 0.0 to 100.0, written as a JSON document writes them.
const SHARES = Array.from({ length: 1001 }, (_, i) => Number((i / 10).toFixed(1)));

describe('exact multipleOf', () => {
  it('accepts every one-decimal share under multipleOf 0.1, which binary division refused a third of', () => {
    const form = compileForm(SHARE);
    const refused = SHARES.filter((andel) => !form.validate({ andel }).ok);
    expect(refused).toEqual([]);
    // The floating-point division it replaces, for the record.
    const plain = createStandardAjv('2020-12', true).compile(SHARE);
    expect(SHARES.filter((andel) => !plain({ andel })).length).toBe(348);
    expect(plain({ andel: 33.3 })).toBe(false);
  });

  it('still refuses a second decimal, with the Danish message', () => {
    const form = compileForm(SHARE);
    for (const andel of [33.33, 0.05, 99.99, 16.75]) {
      const r = form.validate({ andel });
      expect(r.ok, String(andel)).toBe(false);
      expect(JSON.stringify(r)).toContain('Må højst have én decimal.');
    }
  });

  it('decides like exact decimal arithmetic on generated decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 6 }), (a, p, b, q) => {
        const x = Number(`${a}e-${p}`);
        const m = Number(`${b}e-${q}`);
        // x = a·10^-p, m = b·10^-q: scaled to 10^-6, the remainder is exact.
        const want = (BigInt(a) * 10n ** BigInt(6 - p)) % (BigInt(b) * 10n ** BigInt(6 - q)) === 0n;
        expect(isMultipleOf(x, m), `${x} / ${m}`).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });

  it('decides in line, for a divisor written in the schema, as the exact decimal remainder does', () => {
    // One form per divisor: the validator's in-line scaled check, not the function, decides.
    const forms = new Map<number, ReturnType<typeof compileForm>>();
    const formOf = (m: number): ReturnType<typeof compileForm> => {
      let form = forms.get(m);
      if (!form) forms.set(m, (form = compileForm({ type: 'number', multipleOf: m })));
      return form;
    };
    const exact = (x: number, m: number): boolean => {
      const [a, p] = decimal(x);
      const [b, q] = decimal(m);
      const e = Math.min(p, q);
      return (a * 10n ** BigInt(p - e)) % (b * 10n ** BigInt(q - e)) === 0n;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 8 })).map(([a, p]) => Number(`${a}e-${p}`)),
          // Around the 2^46 bound of the in-line path, and any double at all.
          fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 })).map(([d, p]) => (2 ** 46 + d) / 10 ** p),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 5 }),
        (x, b, q) => {
          const m = Number(`${b}e-${q}`);
          expect(formOf(m).validate(x).ok, `${x} / ${m}`).toBe(exact(x, m));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('handles the suite’s edge cases: huge numbers, exponents, integers', () => {
    expect(isMultipleOf(1e308, 0.123456789)).toBe(false);
    expect(isMultipleOf(12391239123, 1e-8)).toBe(true);
    expect(isMultipleOf(0.0075, 0.0001)).toBe(true);
    expect(isMultipleOf(0.00751, 0.0001)).toBe(false);
    expect(isMultipleOf(4.5, 1.5)).toBe(true);
    expect(isMultipleOf(35, 1.5)).toBe(false);
    expect(isMultipleOf(-0.3, 0.1)).toBe(true);
    expect(isMultipleOf(10, 2)).toBe(true);
    expect(isMultipleOf(7, 2)).toBe(false);
    expect(isMultipleOf(1e21, 3)).toBe(false);
    expect(isMultipleOf(3e21, 3)).toBe(true);
  });

  it('gives the same verdicts in validators compiled ahead of time for the browser', async () => {
    const form = compileForm(SHARE, { name: 'andel' });
    const dir = await mkdtemp(path.join(path.resolve(import.meta.dirname, '../../node_modules'), '.precompiled-'));
    const file = path.join(dir, 'validators.mjs');
    await writeFile(file, precompileForms([form]));
    const { validators } = (await import(file)) as { validators: Record<string, (d: unknown) => boolean> };
    const v = validators[precompiledKey('andel', '')]!;
    expect(SHARES.filter((andel) => !v({ andel }))).toEqual([]);
    expect(v({ andel: 33.33 })).toBe(false);
  });
});

// A finite number as the integer and power of ten its shortest text writes, for the reference above.
// Read with a pattern, not as the engine reads it, so a mistake there is not repeated here.
function decimal(n: number): [bigint, number] {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(n)));
  if (!m) throw new Error(`not a finite decimal: ${n}`);
  const [, whole, fraction = '', exponent = '0'] = m;
  return [BigInt(whole! + fraction), Number(exponent) - fraction.length];
}
