import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRule, RuleSyntaxError } from '../../engine/index.ts';
import { compileRuleToCode } from '../../engine/json-logic-source.ts';
import { deepFreeze } from '../../engine/compile-form.ts';

const ctx = { $round: {}, $tables: {} };

function outcome(f: () => unknown): { value?: unknown; threw?: boolean } {
  try {
    return { value: f() };
  } catch {
    return { threw: true };
  }
}

const BINARY = ['==', '===', '!=', '!==', '>', '>=', '<', '<=', '/', '%', 'in'];
const VARIADIC = ['+', '*', 'min', 'max', 'cat', 'and', 'or', 'if', 'merge'];
const UNARY = ['!', '!!', '-'];

const leaf = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
  fc.constantFrom('', 'a', 'ab', '3', 'kvinder', 'maend'),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('a', 'b', 'c', 'list', 'nested.x', 'missing', '').map((p) => ({ var: p })),
  fc.tuple(fc.constantFrom('a', 'nope'), fc.integer()).map(([p, d]) => ({ var: [p, d] })),
);

const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr')).map(([op, a, b]) => ({ [op]: [a, b] })),
    fc.tuple(fc.constantFrom('<', '<='), tie('expr'), tie('expr'), tie('expr')).map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
    fc.tuple(fc.constantFrom(...VARIADIC), fc.array(tie('expr'), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom(...UNARY), tie('expr')).map(([op, a]) => ({ [op]: [a] })),
    fc.tuple(fc.constantFrom('map', 'filter', 'all', 'some', 'none'), tie('expr')).map(([op, f]) => ({ [op]: [{ var: 'list' }, f] })),
    tie('expr').map((f) => ({ reduce: [{ var: 'list' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, f] })),
    fc.array(fc.constantFrom('a', 'b', 'missing'), { maxLength: 3 }).map((keys) => ({ missing: keys })),
  ),
}));

const data = fc.record({
  a: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
  b: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant('')),
  c: fc.double({ min: -10, max: 10, noNaN: true }),
  list: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
  nested: fc.record({ x: fc.integer() }),
});

describe('JSON-Logic compiled to closures', () => {
  it('agrees with the reference implementation json-logic-js on generated expressions', () => {
    fc.assert(
      fc.property(expr, data, (logic, d) => {
        const ours = outcome(() => compileRule(logic)(d, ctx));
        const reference = outcome(() => jsonLogic.apply(logic as jsonLogic.RulesLogic, d));
        expect(ours).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('generates code that agrees with the closures, round-table lookups by computed keys included', () => {
    const round = { m: { '1': 'one', '2': { x: 'deep' }, '': 'empty', 'a.b': 'dotted' }, y: 2 };
    const tables = { t: { '3': { x: 'three' }, a: { x: 'letter' }, '-1': { x: 'minus' } } };
    const context = { $round: round, $tables: tables };
    const frozen = deepFreeze(structuredClone(context));
    const lookups = fc.oneof(
      fc.constantFrom('a', 'b', 'c').map((k) => ({ var: { cat: ['$tables.t.', { var: k }, '.x'] } })),
      fc.constantFrom('a', 'b', 'c').map((k) => ({ var: { cat: ['$round.m.', { var: k }] } })),
      fc.constantFrom('$round.y', '$round.m.1', '$tables.t.3.x').map((p) => ({ var: p })),
    );
    const withLookups = fc.oneof(expr, lookups, fc.tuple(fc.constantFrom('+', '==', 'cat', 'if'), expr, lookups).map(([op, a, b]) => ({ [op]: [a, b] })));
    const lookupData = fc.record({
      a: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constantFrom('a', 'a.b', '', 1.5, null, true, '3', '-1', '03', -0, 'toString', '__proto__')),
      b: fc.oneof(fc.integer({ min: -2, max: 4 }), fc.constant('')),
      c: fc.double({ min: -10, max: 10, noNaN: true }),
      list: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
      nested: fc.record({ x: fc.integer() }),
    });
    fc.assert(
      fc.property(withLookups, lookupData, (logic, d) => {
        const closures = outcome(() => compileRule(logic)(d, context));
        expect(outcome(() => compileRuleToCode(logic, context)(d, context))).toEqual(closures);
        expect(outcome(() => compileRuleToCode(logic)(d, context))).toEqual(closures);
        // A frozen round's tables are read once at compile time into a map by key.
        expect(outcome(() => compileRuleToCode(logic, frozen)(d, frozen))).toEqual(closures);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fraction (% 1) of any value exactly as JavaScript does, sign of zero included', () => {
    const fraction = compileRuleToCode({ '%': [{ var: 'x' }, 1] }, ctx);
    const check = (x: unknown): void => {
      const want = (x as number) % 1;
      expect(Object.is(fraction({ x }, ctx), want), String(x)).toBe(true);
    };
    for (const x of [0, -0, 1, -1, 0.5, -0.5, 2 ** 52 + 0.5, 2 ** 53, 1e300, 5e-324, -5e-324, Infinity, -Infinity, NaN, '2.5', '-0', true, null, [3.5]]) check(x);
    fc.assert(fc.property(fc.double(), (x) => check(x)), { numRuns: 5000 });
  });

  it('keeps the sign of zero as json-logic-js does: a running product of -0 becomes 0', () => {
    for (const logic of [{ '*': [-1, 0, 1] }, { '*': [-5e-324, { '-': [0] }, 0] }, { '%': [{ '*': [-1, 0, 2] }, 1] }]) {
      const reference = jsonLogic.apply(logic as jsonLogic.RulesLogic, {}) as number;
      expect(Object.is(compileRule(logic)({}, ctx), reference)).toBe(true);
      expect(Object.is(compileRuleToCode(logic, ctx)({}, ctx), reference)).toBe(true);
    }
  });

  it('agrees with json-logic-js on every rule of the shipped round', () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../schemas/2024/maaltal.schema.json'), 'utf8'));
    const round = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../schemas/2024/round.json'), 'utf8'));
    const rules: unknown[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        for (const [k, v] of Object.entries(n)) {
          if (k === 'x-compute') rules.push(v);
          else if (k === 'x-rules') (v as { rule: unknown }[]).forEach((r) => rules.push(r.rule));
          else walk(v);
        }
      }
    };
    walk(schema);
    expect(rules.length).toBeGreaterThanOrEqual(10);
    const tables = { kommuner: { '0101': { delt_administrativ_ledelse: 'ja' }, '0147': { delt_administrativ_ledelse: 'nej' } } };
    fc.assert(
      fc.property(
        fc.record({
          kvinder: fc.integer({ min: 0, max: 30 }),
          maend: fc.integer({ min: 0, max: 30 }),
          aar: fc.integer({ min: 2020, max: 2032 }),
          kommunekode: fc.constantFrom('0101', '0147'),
        }),
        (counts) => {
          const d = {
            ...counts,
            antal: counts.kvinder + counts.maend,
            niveau1: { kvinder: counts.kvinder, maend: 0 },
            niveau2: { kvinder: 0, maend: counts.maend },
            enheder: [1, 2],
            ligelig: counts.kvinder === counts.maend,
            underrepraesenteretKoen: 'kvinder',
            maaltal: { koen: 'kvinder' },
          };
          for (const rule of rules) {
            const ours = compileRule(rule)(d, { $round: round, $tables: tables });
            const reference = jsonLogic.apply(rule as jsonLogic.RulesLogic, { ...d, $round: round, $tables: tables });
            expect(ours).toEqual(reference);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects unknown operators and malformed operations at compile time, naming where', () => {
    expect(() => compileRule({ if: [true, { eval: 'x' }] }, '/x-compute')).toThrow(RuleSyntaxError);
    try {
      compileRule({ if: [true, { eval: 'x' }] }, '/x-compute');
    } catch (e) {
      expect((e as RuleSyntaxError).pointer).toBe('/x-compute/if/1');
    }
    expect(() => compileRule({ '+': [1], '-': [2] })).toThrow(/exactly one key/);
  });
});
