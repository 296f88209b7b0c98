import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/node.ts';

// Key order and own properties holding `undefined` count: stored values keep both.
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return { proto: Object.getPrototypeOf(value) === null ? 'null' : 'object', entries: Object.entries(value).map(([k, v]) => [k, shape(v)]) };
  }
  return value;
}

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  'x-prune': true,
  properties: {
    a: { type: 'integer' },
    b: { type: 'integer' },
    sum: { type: 'integer', 'x-compute': { '+': [{ var: 'a' }, { var: 'b' }] } },
    kind: { type: 'string' },
    toString: { type: 'string' },
    inner: {
      type: 'object',
      'x-prune': true,
      properties: { on: { type: 'boolean' }, n: { type: 'integer' }, deep: { type: 'object', properties: { z: { type: 'integer' } } } },
      // Inlined test: const on a property.
      if: { properties: { on: { const: true } }, required: ['on'] },
      then: { properties: { n: { type: 'integer', minimum: 0 } }, required: ['n'] },
      else: { properties: { why: { type: 'string', minLength: 1 } } },
      'x-rules': [{ id: 'n-small', path: 'n', rule: { '<': [{ var: 'n' }, 5] }, message: { da: 'For stort.' } }],
    },
    list: {
      type: 'array',
      items: {
        type: 'object',
        'x-prune': true,
        properties: { kind: { enum: ['x', 'y'] }, twice: { type: 'integer', 'x-compute': { '*': [{ var: 'v' }, 2] } }, v: { type: 'integer' } },
        // Left to ajv: minProperties counts keys.
        if: { minProperties: 3 },
        then: { properties: { more: { type: 'string' } } },
      },
    },
  },
  allOf: [
    { if: { properties: { kind: { enum: ['p', 'q'] }, sum: { type: ['null', 'object'] } } }, then: { properties: { p: { type: 'string' } } } },
    { if: { type: 'object', properties: { sum: false } }, then: { properties: { p: { type: 'string' }, q: { type: 'string' } } } },
  ],
  'x-rules': [
    { id: 'sum-max', path: 'sum', rule: { '<=': [{ var: 'sum' }, 10] }, message: { da: 'Summen er for stor.' } },
    // A path two steps deep: only reported where inner.n is answered.
    { id: 'inner-n', path: 'inner/n', rule: { '!=': [{ var: 'inner.n' }, 3] }, message: { da: 'Ikke tre.' } },
    // A result that is not a boolean counts by its truthiness.
    { id: 'kind-or-a', path: 'kind', rule: { or: [{ var: 'kind' }, { var: 'a' }] }, message: { da: 'Mangler.' } },
    // A rule that throws (an empty product) where a is truthy does not hold.
    { id: 'throws', path: 'a', rule: { and: [{ var: 'a' }, { '*': [] }] }, message: { da: 'Fejl.' } },
  ],
};

const value = fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constantFrom('x', 'y', 'p', 'q', '', true, false, null));
const record = (r: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(r, { requiredKeys: [] }), fc.boolean()).map(([o, bare]) => (bare ? Object.assign(Object.create(null), o) : o) as Record<string, unknown>);
const inner = fc.oneof(record({ on: value, n: value, why: value, deep: record({ z: value }), extra: value }), value);
const item = fc.oneof(record({ kind: value, v: value, twice: value, more: value, extra: value }), value);
const data = fc.oneof(
  record({ a: value, b: value, sum: value, kind: value, toString: value, p: value, q: value, inner, list: fc.oneof(fc.array(item, { maxLength: 3 }), value), extra: value }),
  value,
);

describe('the generated prepare step', () => {
  // With `toString` the root keeps its copy; without it the root too is built from locals.
  const { toString: _, ...plainProperties } = SCHEMA.properties;
  const variants = { 'a key found on Object.prototype': SCHEMA, 'plain keys only': { ...SCHEMA, properties: plainProperties } };
  for (const [name, schema] of Object.entries(variants)) {
    it(`matches the plan walker exactly: values, key order, rules and issues, odd objects included (${name})`, () => {
      check(schema);
    });
  }
});

function check(schema: object): void {
  {
    const generated = compileForm(schema as Record<string, unknown>);
    const walked = compileForm(schema as Record<string, unknown>, { interpret: true });
    fc.assert(
      fc.property(data, (d) => {
        expect(shape(generated.prepare(d))).toEqual(shape(walked.prepare(d)));
        const a = generated.validate(d);
        const b = walked.validate(d);
        expect(shape(a)).toEqual(shape(b));
      }),
      { numRuns: 3000 },
    );
  }
}

describe('a recursive schema', () => {
  const TREE = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $defs: {
      node: {
        type: 'object',
        'x-prune': true,
        properties: {
          n: { type: 'integer' },
          next: { type: 'integer', 'x-compute': { '+': [{ var: 'n' }, 1] } },
          open: { type: 'boolean' },
          kids: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        if: { properties: { open: { const: true } }, required: ['open'] },
        then: { properties: { note: { type: 'string' } } },
        'x-rules': [{ id: 'small', path: 'n', rule: { '<': [{ var: 'n' }, 5] }, message: { da: 'For stor.' } }],
      },
    },
    $ref: '#/$defs/node',
  };

  it('computes, prunes and checks rules at every depth, not just above the cycle', () => {
    for (const interpret of [false, true]) {
      const form = compileForm(TREE, { interpret });
      const deep = { n: 1, kids: [{ n: 2, open: false, note: 'x', kids: [{ n: 7, open: true, note: 'y', extra: 1 }] }] };
      expect(form.prepare(deep)).toEqual({ n: 1, next: 2, kids: [{ n: 2, next: 3, open: false, kids: [{ n: 7, next: 8, open: true, note: 'y' }] }] });
      expect(form.validate(deep)).toEqual({ ok: false, issues: [{ path: '/kids/0/kids/0/n', keyword: 'x-rules:small', message: 'For stor.' }] });
    }
  });

  const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      value,
      record({ n: value, next: value, open: value, note: value, extra: value, kids: fc.oneof(fc.array(tie('node'), { maxLength: 2 }), value) }),
    ),
  })).node;

  it('gives the plan walker’s result from the generated code', () => {
    const generated = compileForm(TREE);
    const walked = compileForm(TREE, { interpret: true });
    fc.assert(
      fc.property(tree, (d) => {
        expect(shape(generated.validate(d))).toEqual(shape(walked.validate(d)));
      }),
      { numRuns: 2000 },
    );
  });

  it('builds the plan of a schema whose allOf leads back to itself (ajv alone cannot validate it)', () => {
    const form = compileForm({ $defs: { a: { type: 'object', allOf: [{ $ref: '#/$defs/a' }], properties: { s: { type: 'integer', 'x-compute': 1 } } } }, $ref: '#/$defs/a' });
    expect(form.prepare({ t: 2 })).toEqual({ t: 2, s: 1 });
  });
});

describe('data nested deeper than the call stack', () => {
  it('is refused with an issue, never thrown', () => {
    const tree = { $defs: { n: { type: 'object', properties: { k: { type: 'array', items: { $ref: '#/$defs/n' } }, v: { type: 'integer', 'x-compute': 1 } } } }, $ref: '#/$defs/n' };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { k: [deep] };
    for (const interpret of [false, true]) {
      const form = compileForm(tree, { interpret });
      expect(form.validate(deep)).toEqual({ ok: false, issues: [{ path: '', keyword: 'maxDepth', message: 'Svaret er for dybt indlejret til at kunne kontrolleres.' }] });
      expect(form.validate({ k: [{ k: [] }] })).toEqual({ ok: true, value: { k: [{ k: [], v: 1 }], v: 1 } });
    }
    const unique = compileForm({ type: 'array', uniqueItems: true });
    let a: unknown = 0;
    let b: unknown = 0;
    for (let i = 0; i < 100_000; i++) [a, b] = [[a], [b]];
    expect(unique.validate([a, b], { lang: 'en' })).toEqual({ ok: false, issues: [{ path: '', keyword: 'maxDepth', message: 'The answer is nested too deeply to be checked.' }] });
  });
});

describe('a $ref whose fragment is percent-encoded', () => {
  it('reaches the definition it names, as ajv does', () => {
    const schema = {
      $defs: { 'to ord': { type: 'object', properties: { n: { type: 'integer' }, dobbelt: { type: 'integer', 'x-compute': { '*': [{ var: 'n' }, 2] } } } } },
      type: 'object',
      properties: { x: { $ref: '#/$defs/to%20ord' } },
    };
    for (const interpret of [false, true]) {
      expect(compileForm(schema, { interpret }).validate({ x: { n: 4 } })).toEqual({ ok: true, value: { x: { n: 4, dobbelt: 8 } } });
      expect(compileForm(schema, { interpret }).validate({ x: { n: 'x' } }).ok).toBe(false);
      // The title behind such a reference names the missing field in the message.
      const titled = compileForm({ $defs: { 'et navn': { type: 'string', title: 'Navn' } }, type: 'object', required: ['n'], properties: { n: { $ref: '#/$defs/et%20navn' } } }, { interpret });
      expect(titled.validate({})).toEqual({ ok: false, issues: [{ path: '/n', keyword: 'required', message: '«Navn» skal udfyldes.' }] });
    }
  });
});
