import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonEquality } from '../../engine/json-equality.ts';
import { compileForm, loadRounds, SchemaError, precompiledKey, precompileForms, type CompiledForm, type JsonSchema, type Registry } from '../../engine/node.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const PLAIN: Record<string, object> = {
  'draft-07 with definitions, if/then/else and additionalProperties': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    definitions: { n: { type: 'integer', minimum: 0 } },
    properties: { kind: { enum: ['a', 'b'] }, n: { $ref: '#/definitions/n' }, email: { type: 'string', format: 'email' } },
    required: ['kind'],
    additionalProperties: false,
    if: { properties: { kind: { const: 'a' } } },
    then: { required: ['n'] },
    else: { required: ['email'] },
  },
  '2020-12 with $defs, oneOf, prefixItems and unevaluatedProperties': {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    $defs: { s: { type: 'string', minLength: 1, maxLength: 3 } },
    properties: { list: { type: 'array', prefixItems: [{ type: 'integer' }], items: { $ref: '#/$defs/s' } }, x: { oneOf: [{ type: 'integer' }, { type: 'boolean' }] } },
    if: { properties: { x: { const: true } }, required: ['x'] },
    then: { properties: { y: { type: 'number', multipleOf: 0.5 } }, required: ['y'] },
    unevaluatedProperties: false,
  },
  'draft-07 with dependencies, patternProperties, propertyNames, contains, const and not': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    dependencies: { x: ['y'], kind: { properties: { n: { not: { const: 0 } } } } },
    patternProperties: { '^e': { type: ['string', 'integer'], maxLength: 5 } },
    propertyNames: { minLength: 1, maxLength: 5 },
    properties: { list: { contains: { type: 'integer', exclusiveMinimum: 0 } }, kind: { const: 'a' } },
    maxProperties: 4,
  },
  '2020-12 with dependentSchemas, minContains, $anchor and allOf': {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $defs: { word: { $anchor: 'word', type: 'string', minLength: 2 } },
    allOf: [{ properties: { email: { $ref: '#word' } } }, { properties: { n: { type: 'integer', exclusiveMaximum: 4 } } }],
    dependentSchemas: { list: { required: ['kind'] } },
    properties: { list: { minContains: 2, maxContains: 3, contains: { type: 'string' } }, y: { enum: [1.5, 'z'] } },
    minProperties: 1,
  },
  '2020-12 without a type at the root': { anyOf: [{ type: 'string', pattern: '^[a-c]+$' }, { type: 'array', uniqueItems: true, maxItems: 2 }] },
};

const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      kind: fc.constantFrom('a', 'b', 'c'),
      n: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()),
      email: fc.constantFrom('a@b.dk', 'nope', ''),
      list: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
      x: fc.oneof(fc.boolean(), fc.integer(), fc.double()),
      y: fc.oneof(fc.constant(1.5), fc.constant(1.2)),
      extra: fc.integer(),
    },
    { requiredKeys: [] },
  ),
);

describe('compileForm on plain JSON Schema', () => {
  for (const [name, schema] of Object.entries(PLAIN)) {
    it(`gives exactly standard JSON Schema's verdict: ${name}`, () => {
      const draft07 = '$schema' in schema && String(schema.$schema).includes('draft-07');
      const reference = draft07 ? new Ajv({ allErrors: true, strict: false }) : new Ajv2020({ allErrors: true, strict: false });
      addFormats(reference as Ajv);
      // ajv's own deep equality throws on data with an own `valueOf` and misjudges a `constructor`
      // key (json-equality.test.ts); the reference compares as JSON Schema says, as the engine does.
      jsonEquality(reference as Ajv);
      const check = reference.compile(schema);
      const form = compileForm(schema as Record<string, unknown>);
      fc.assert(
        fc.property(json, (data) => {
          const result = form.validate(data);
          expect(result.ok).toBe(check(data));
          if (result.ok) expect(result.value).toEqual(data);
          else expect(result.issues.length).toBeGreaterThan(0);
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('treats a keyword or format it does not know as an annotation, as the standard does, but still checks its own x- keywords', () => {
    const form = compileForm({ type: 'object', 'made-up': { any: 1 }, properties: { when: { type: 'string', format: 'idn-email' } } });
    expect(form.validate({ when: 'not an address' }).ok).toBe(true);
    expect(form.validate({ when: 1 }).ok).toBe(false);
    expect(() => compileForm({ type: 'object', 'x-prune': 'yes' })).toThrow(/x-prune/);
  });

  it('takes boolean schemas and an empty enum, decides draft-06 as draft-07, and refuses draft-04 by name', () => {
    expect(compileForm(true).validate({ any: 1 }).ok).toBe(true);
    expect(compileForm(false).validate(null).ok).toBe(false);
    expect(compileForm({ properties: { a: false, b: true } }).validate({ a: 1 }).ok).toBe(false);
    expect(compileForm({ properties: { a: { enum: [] } } }).validate({ a: 1 }).ok).toBe(false);
    expect(compileForm({ $schema: 'http://json-schema.org/draft-06/schema#', items: [{ type: 'integer' }] }).validate(['x']).ok).toBe(false);
    // A draft-07 tuple without `$schema` is draft-07 when the caller says so.
    expect(compileForm({ items: [{ type: 'integer' }] }, { dialect: 'draft-07' }).validate([1, 'x']).ok).toBe(true);
    const refused = (): unknown => compileForm({ $schema: 'http://json-schema.org/draft-04/schema#', id: 'urn:x', type: 'object' });
    expect(refused).toThrow(SchemaError);
    expect(refused).toThrow(/\$schema at #: .*draft-04 og ældre/);
    // Without `$schema`, a draft-07 tuple is read as 2020-12 and refused with a hint to declare the dialect.
    expect(() => compileForm({ items: [{ type: 'integer' }] })).toThrow(/draft-07.*"\$schema": "http:\/\/json-schema.org\/draft-07\/schema#"/);
  });

  it('names the keyword and place of a construct ajv cannot compile instead of crashing', () => {
    const dynamic = { $id: 'https://example.com/list', $defs: { a: { $dynamicAnchor: 'x' } }, items: { $dynamicRef: 'https://example.com/other#x' } };
    let error: unknown;
    try {
      compileForm(dynamic);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).keyword).toBe('$dynamicRef');
    expect((error as SchemaError).pointer).toBe('/items');
  });

  it('resolves references to documents given as resources, and to ids an earlier form also declared', () => {
    const resources = { 'https://example.com/defs.json': { $defs: { n: { type: 'integer' } } } };
    const form = compileForm({ properties: { n: { $ref: 'https://example.com/defs.json#/$defs/n' } } }, { resources });
    expect(form.validate({ n: 'x' }).ok).toBe(false);
    const inner = (type: string): JsonSchema => ({ $defs: { a: { $id: 'https://example.com/shared-inner', type } }, $ref: 'https://example.com/shared-inner' });
    expect(compileForm(inner('string')).validate('x').ok).toBe(true);
    expect(compileForm(inner('integer')).validate('x').ok).toBe(false);
  });

  it('reports English messages on request and paths as JSON Pointers', () => {
    const form = compileForm({ type: 'object', required: ['a/b'], properties: { n: { type: 'integer', title: 'Antal' } } });
    expect(form.validate({ n: 1.5 }, { lang: 'en' })).toEqual({
      ok: false,
      issues: [
        { path: '/a~1b', keyword: 'required', message: 'The field is required.' },
        { path: '/n', keyword: 'type', message: 'Must be a whole number.' },
      ],
    });
  });
});

describe('the 2024 forms', () => {
  let registry: Registry;
  let maaltal: CompiledForm;
  beforeAll(async () => {
    registry = await loadRounds(path.resolve(import.meta.dirname, '../../schemas'));
    maaltal = registry.form('2024', 'maaltal')!;
  });

  it('never throw, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }), (data) => {
        const result = maaltal.validate(data);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('give the same verdict with validators precompiled for the browser (no code generated at run time)', async () => {
    const round = registry.round('2024')!;
    const dir = await mkdtemp(path.join(path.resolve(import.meta.dirname, '../../node_modules'), '.precompiled-'));
    const file = path.join(dir, 'validators.mjs');
    await writeFile(file, precompileForms([...round.forms.values()]));
    const { validators } = (await import(file)) as { validators: Record<string, never> };
    const browser = compileForm(maaltal.schema, {
      context: { $round: round.settings, $tables: round.tables },
      precompiled: (p) => validators[precompiledKey('maaltal', p)],
    });
    const unit = fc.record({
      navn: fc.constantFrom('Kommunen', ''),
      niveau1: fc.record({ kvinder: fc.integer({ min: -1, max: 1 }), maend: fc.integer({ min: 0, max: 1 }) }),
      niveau2: fc.record({ kvinder: fc.integer({ min: 0, max: 6 }), maend: fc.integer({ min: 0, max: 6 }) }),
      tidligereMaal: fc.oneof(fc.constant({ status: 'intet' }), fc.constant({ status: 'ikkeOpfyldt' })),
      maaltal: fc.record({ fastsat: fc.boolean(), koen: fc.constantFrom('kvinder', 'maend'), andel: fc.integer({ min: 0, max: 120 }), antal: fc.nat(9), aar: fc.integer({ min: 2022, max: 2031 }) }, { requiredKeys: ['fastsat'] }),
      politik: fc.record({ findes: fc.boolean(), indhold: fc.constant('x') }, { requiredKeys: [] }),
    });
    const answers = fc.record({
      kommunekode: fc.constantFrom('0101', '0147', '9999'),
      enheder: fc.array(unit, { minLength: 0, maxLength: 3 }),
      kontakt: fc.record({ navn: fc.constant('A'), email: fc.constantFrom('a@b.dk', 'x') }),
    });
    let valid = 0;
    fc.assert(
      fc.property(answers, (data) => {
        const server = maaltal.validate(data);
        expect(browser.validate(data)).toEqual(server);
        if (server.ok) valid++;
      }),
      { numRuns: 1500 },
    );
    // The generator must reach both verdicts for the comparison to mean anything.
    expect(valid).toBeGreaterThan(0);
  });
});
