import fc from 'fast-check';

type Schema = Record<string, any>;

/** Strings people paste into forms, and strings attackers do. */
export const NASTY_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("https://evil.example","x")',
  '+1+1',
  '-1+1',
  '@SUM(1)',
  '\t=1',
  '\u0000',
  '\u2028\u2029',
  '🏳️‍🌈 æøå ÆØÅ',
  "'; drop table submissions; --",
  '__proto__',
  'constructor',
  '%00%2e%2e%2f',
  ' ',
  '',
];

function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(String(s.$ref));
    if (!m) break;
    const { $ref: _ref, ...rest } = s;
    s = { ...root.$defs[m[1]!], ...rest };
  }
  return s;
}

/**
 * A fast-check arbitrary of answers shaped like a form's JSON Schema: the properties of every
 * branch (`then`/`else`), required ones always present, optional ones sometimes, values mostly
 * within the schema's bounds. Computed (readOnly) fields are left out, as a browser sends them.
 * Conditions between fields are not solved, so many values are "valid-ish": that is the point.
 * @param schema the (sub)schema
 * @param root the whole form schema, for `$ref`
 * @param depth recursion guard
 * @returns the arbitrary
 */
export function arbitraryFromSchema(schema: Schema, root: Schema = schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arbitraryFromSchema({ ...a, type: a.type ?? s.type }, root, depth + 1)));
  switch (s.type) {
    case 'object': {
      if (depth > 8) return fc.constant({});
      const props: Record<string, Schema> = {};
      for (const part of [s, s.then ?? {}, s.else ?? {}] as Schema[]) {
        for (const [k, v] of Object.entries((part.properties ?? {}) as Record<string, Schema>)) {
          if (!resolve(v, root).readOnly && !(k in props)) props[k] = v;
        }
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = arbitraryFromSchema(v, root, depth + 1);
      const required = ((s.required ?? []) as string[]).filter((k) => k in model);
      return fc.record(model, { requiredKeys: required });
    }
    case 'array': {
      const min = Number(s.minItems ?? 0);
      return fc.array(arbitraryFromSchema(s.items ?? {}, root, depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(Number(s.maxItems ?? 3), 3)) });
    }
    case 'string': {
      const min = Number(s.minLength ?? 0);
      const max = Math.min(Number(s.maxLength ?? 60), 60);
      const plain = s.format === 'email' ? fc.emailAddress() : s.pattern ? fc.stringMatching(new RegExp(String(s.pattern))) : fc.string({ minLength: min, maxLength: Math.max(min, max) });
      return fc.oneof({ arbitrary: plain, weight: 4 }, { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 1 });
    }
    case 'integer':
      return fc.integer({ min: Number(s.minimum ?? -1000), max: Number(s.maximum ?? 1000) });
    case 'number':
      return s.multipleOf === 0.1
        ? fc.integer({ min: Math.round(Number(s.minimum ?? 0) * 10), max: Math.round(Number(s.maximum ?? 100) * 10) }).map((n) => n / 10)
        : fc.double({ min: Number(s.minimum ?? -1e6), max: Number(s.maximum ?? 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values that break naive code: huge, negative zero, unsafe integers, wrong types, pollution keys. */
const EDGE_VALUES: readonly unknown[] = [
  1e308,
  -1e308,
  -0,
  2 ** 53 + 1,
  -(2 ** 31),
  0.1 + 0.2,
  '',
  'x'.repeat(10_000),
  null,
  true,
  [],
  {},
  [[[[[]]]]],
  { __proto__: { polluted: 1 } },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  { constructor: { prototype: { polluted: 1 } } },
];

function paths(value: unknown, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function setAt(value: unknown, at: Array<string | number>, op: (old: unknown) => unknown): unknown {
  if (at.length === 0) return op(value);
  const [head, ...rest] = at;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, op) : v));
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = k === head ? setAt(v, rest, op) : v;
    return copy;
  }
  return value;
}

const DELETE = Symbol('delete');

/**
 * Mutates one spot of a value: deletes it, replaces it with an edge value or random JSON, or adds
 * a prototype-pollution key beside it.
 * @param base the arbitrary of well-shaped values
 * @returns an arbitrary of mutated values (sometimes unchanged)
 */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const op = fc.oneof(
    fc.constant<(old: unknown) => unknown>((old) => old),
    fc.constant<(old: unknown) => unknown>(() => DELETE),
    fc.constantFrom(...EDGE_VALUES).map((v) => () => v),
    fc.jsonValue({ maxDepth: 3 }).map((v) => () => v),
    fc.constant<(old: unknown) => unknown>((old) =>
      old && typeof old === 'object' && !Array.isArray(old) ? JSON.parse(`{"__proto__": {"polluted": 1}, ${JSON.stringify(old).slice(1)}`.replace(/, }$/, '}')) : old,
    ),
  );
  return fc.tuple(base, fc.nat(), fc.array(op, { minLength: 1, maxLength: 3 })).map(([value, pick, ops]) => {
    let out = value;
    for (const f of ops) {
      const all = paths(out);
      const at = all[pick % all.length]!;
      out = setAt(out, at, f);
      if (at.length > 0) {
        // A deleted spot is removed from its parent rather than set to a marker.
        out = setAt(out, at.slice(0, -1), (parent) => {
          if (Array.isArray(parent)) return parent.filter((v) => v !== DELETE);
          if (parent && typeof parent === 'object') return Object.fromEntries(Object.entries(parent).filter(([, v]) => v !== DELETE));
          return parent;
        });
      } else if (out === DELETE) out = {};
    }
    return out;
  });
}
