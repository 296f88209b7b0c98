import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStandardAjv } from '../../engine/create-ajv.ts';
import { fastStringLength } from '../../engine/fast-string-length.ts';

describe('fastStringLength', () => {
  it('reports exactly what ajv reports, in the same order, surrogate pairs included', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', minLength: 2, maxLength: 3 },
        b: { type: 'string', minLength: 1, maxLength: 2, pattern: '^x', format: 'email' },
        c: { type: 'string', maxLength: 0 },
        d: { type: 'string', minLength: { $data: '1/n' }, maxLength: { $data: '1/m' } },
        n: {},
        m: {},
      },
    };
    const standard = createStandardAjv('2020-12', false, { $data: true }).compile(structuredClone(schema));
    const fast = fastStringLength(createStandardAjv('2020-12', false, { $data: true })).compile(structuredClone(schema));
    const text = fc.string({ unit: fc.constantFrom('x', 'a', '😀', '\uD800', '\uDC00', '@'), maxLength: 7 });
    fc.assert(
      fc.property(
        fc.record({ a: text, b: text, c: text, d: text, n: fc.oneof(fc.nat(4), fc.constant('2')), m: fc.oneof(fc.nat(4), fc.constant(null)) }, { requiredKeys: [] }),
        (data) => {
          expect(fast(data)).toBe(standard(data));
          expect(fast.errors).toEqual(standard.errors);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
