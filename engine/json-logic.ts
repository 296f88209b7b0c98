/**
 * JSON-Logic (jsonlogic.com) compiled once into closures.
 *
 * Rules are stored as plain JSON-Logic so any JSON-Logic implementation can read them; the engine
 * turns each expression into a tree of closures at start-up instead of interpreting it per call,
 * which keeps validation close to raw ajv speed and needs no `eval` (the browser runs under a
 * strict Content-Security-Policy). Semantics follow the reference implementation `json-logic-js`;
 * a test compares the two on generated expressions.
 */
import type { RuleContext } from './types.ts';

/** A compiled rule: `data` is the object in scope, `ctx` holds `$round` and `$tables`. */
export type RuleFn = (data: unknown, ctx: RuleContext) => unknown;

/** Thrown only at compile time, for an expression that is not valid JSON-Logic. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** JSON-Logic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return Boolean(value);
}

/** JSON-Logic's parseFloat; a number is returned as is (parseFloat would format it as text first, equal but for -0). */
export const num = (v: unknown): number => (typeof v === 'number' ? (v === 0 ? 0 : v) : parseFloat(v as string));

/** JSON-Logic's `var` with a computed path: `$round.` and `$tables.` read the round context. */
export function lookup(data: unknown, ctx: RuleContext, path: unknown, notFound: unknown): unknown {
  if (path === undefined || path === '' || path === null) return data;
  return walk(data, ctx, String(path).split('.'), notFound);
}

/** JSON-Logic's `var` with a path already split at its dots. */
export function walk(data: unknown, ctx: RuleContext, parts: readonly string[], notFound: unknown): unknown {
  let cur: unknown = data;
  let i = 0;
  // `$round.x` and `$tables.x` read the round's data instead of the answers.
  if (parts[0] === '$round' || parts[0] === '$tables') {
    cur = ctx[parts[0]];
    i = 1;
  }
  for (; i < parts.length; i++) {
    if (cur === null || cur === undefined) return notFound;
    cur = (cur as Record<string, unknown>)[parts[i] as string];
    if (cur === undefined) return notFound;
  }
  return cur;
}

type Op = (args: RuleFn[], pointer: string, raw: unknown) => RuleFn;

const binary =
  (f: (a: unknown, b: unknown) => unknown): Op =>
  ([a, b]) =>
  (d, c) =>
    f(a ? a(d, c) : undefined, b ? b(d, c) : undefined);

const compare =
  (f: (a: unknown, b: unknown) => boolean): Op =>
  ([a, b, c]) =>
  (d, x) => {
    const av = a ? a(d, x) : undefined;
    const bv = b ? b(d, x) : undefined;
    const cv = c ? c(d, x) : undefined;
    return cv === undefined ? f(av, bv) : f(av, bv) && f(bv, cv);
  };

const all = (args: RuleFn[], d: unknown, c: RuleContext): unknown[] => args.map((f) => f(d, c));

/* eslint-disable eqeqeq -- JSON-Logic's == is JavaScript's loose equality by definition. */
const OPS: Record<string, Op> = {
  var: ([path, def], _pointer, raw) => {
    // A literal path (the usual case) is split once, at compile time.
    const literal = Array.isArray(raw) ? raw[0] : raw;
    if (typeof literal === 'string' && literal !== '' && !def) {
      const parts = literal.split('.');
      // One key that is not the round context (a row's column, an answer's field): read it
      // without the walk, which reports over 100 000 rows call millions of times.
      if (parts.length === 1 && literal !== '$round' && literal !== '$tables') {
        return (d) => {
          if (d === null || d === undefined) return null;
          const v = (d as Record<string, unknown>)[literal];
          return v === undefined ? null : v;
        };
      }
      return (d, c) => walk(d, c, parts, null);
    }
    return (d, c) => lookup(d, c, path ? path(d, c) : undefined, def ? def(d, c) : null);
  },
  missing: (args) => (d, c) => {
    let keys = all(args, d, c);
    if (Array.isArray(keys[0])) keys = keys[0] as unknown[];
    return keys.filter((k) => {
      const v = lookup(d, c, k, null);
      return v === null || v === '';
    });
  },
  if: (args) => (d, c) => {
    let i = 0;
    for (; i < args.length - 1; i += 2) {
      if (truthy((args[i] as RuleFn)(d, c))) return (args[i + 1] as RuleFn)(d, c);
    }
    return i === args.length - 1 ? (args[i] as RuleFn)(d, c) : null;
  },
  '==': binary((a, b) => a == b),
  '===': binary((a, b) => a === b),
  '!=': binary((a, b) => a != b),
  '!==': binary((a, b) => a !== b),
  '>': binary((a, b) => (a as number) > (b as number)),
  '>=': binary((a, b) => (a as number) >= (b as number)),
  '<': compare((a, b) => (a as number) < (b as number)),
  '<=': compare((a, b) => (a as number) <= (b as number)),
  '!': ([a]) => (d, c) => !truthy(a ? a(d, c) : undefined),
  '!!': ([a]) => (d, c) => truthy(a ? a(d, c) : undefined),
  and: (args) => (d, c) => {
    let v: unknown;
    for (const f of args) {
      v = f(d, c);
      if (!truthy(v)) return v;
    }
    return v;
  },
  or: (args) => (d, c) => {
    let v: unknown;
    for (const f of args) {
      v = f(d, c);
      if (truthy(v)) return v;
    }
    return v;
  },
  // Two operands (the usual case) without the array of values; the same sum, from 0, in the same order.
  '+': (args) => {
    if (args.length === 2) {
      const [a, b] = args as [RuleFn, RuleFn];
      return (d, c) => 0 + num(a(d, c)) + num(b(d, c));
    }
    return (d, c) => all(args, d, c).reduce<number>((a, b) => a + num(b), 0);
  },
  // Like the reference: no initial value, so one argument is returned as is and none throws.
  '*': (args) => {
    if (args.length === 2) {
      const [a, b] = args as [RuleFn, RuleFn];
      return (d, c) => num(a(d, c)) * num(b(d, c));
    }
    return (d, c) => all(args, d, c).reduce((a, b) => num(a) * num(b));
  },
  '-': ([a, b]) => (d, c) => {
    const av = (a ? a(d, c) : undefined) as number;
    const bv = (b ? b(d, c) : undefined) as number | undefined;
    return bv === undefined ? -av : av - bv;
  },
  '/': binary((a, b) => (a as number) / (b as number)),
  '%': binary((a, b) => (a as number) % (b as number)),
  min: (args) => (d, c) => Math.min(...(all(args, d, c) as number[])),
  max: (args) => (d, c) => Math.max(...(all(args, d, c) as number[])),
  cat: (args) => (d, c) => all(args, d, c).map((v) => (v === null || v === undefined ? '' : String(v))).join(''),
  in: binary((a, b) => (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined' ? false : (b as string).indexOf(a as string) !== -1)),
  merge: (args) => (d, c) => all(args, d, c).flat(),
  map:
    ([list, f]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      return Array.isArray(arr) && f ? arr.map((x) => f(x, c)) : [];
    },
  filter:
    ([list, f]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      return Array.isArray(arr) && f ? arr.filter((x) => truthy(f(x, c))) : [];
    },
  reduce:
    ([list, f, init]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      const start = init ? init(d, c) : null;
      if (!Array.isArray(arr) || !f) return start;
      return arr.reduce((accumulator, current) => f({ current, accumulator }, c), start);
    },
  all:
    ([list, f]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      return Array.isArray(arr) && arr.length > 0 && f ? arr.every((x) => truthy(f(x, c))) : false;
    },
  some:
    ([list, f]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      return Array.isArray(arr) && f ? arr.some((x) => truthy(f(x, c))) : false;
    },
  none:
    ([list, f]) =>
    (d, c) => {
      const arr = list ? list(d, c) : undefined;
      return Array.isArray(arr) && f ? !arr.some((x) => truthy(f(x, c))) : true;
    },
};
/* eslint-enable eqeqeq */
OPS['?:'] = OPS.if as Op;

/** Operators the engine understands, for the schema linter. */
export const RULE_OPERATORS: readonly string[] = Object.freeze(Object.keys(OPS));

/**
 * Compiles a JSON-Logic expression into a function.
 * @param logic the expression as found in the schema
 * @param pointer where it sits, for error messages
 * @returns a pure function of (data in scope, round context)
 */
export function compileRule(logic: unknown, pointer = ''): RuleFn {
  if (Array.isArray(logic)) {
    const items = logic.map((x, i) => compileRule(x, `${pointer}/${i}`));
    return (d, c) => all(items, d, c);
  }
  if (logic === null || typeof logic !== 'object') return () => logic;
  const keys = Object.keys(logic);
  if (keys.length !== 1) {
    throw new RuleSyntaxError(`a JSON-Logic operation has exactly one key, found ${keys.length}`, pointer);
  }
  const op = keys[0] as string;
  const make = Object.hasOwn(OPS, op) ? OPS[op] : undefined;
  if (!make) throw new RuleSyntaxError(`unknown JSON-Logic operator "${op}"`, pointer);
  const raw = (logic as Record<string, unknown>)[op];
  const argList = Array.isArray(raw) ? raw : [raw];
  return make(
    argList.map((a, i) => compileRule(a, `${pointer}/${op}/${i}`)),
    pointer,
    raw,
  );
}
