/**
 * JSON-Logic turned into JavaScript source, for the server's generated prepare functions.
 *
 * Only the operators listed in `json-logic.ts` are emitted; every literal passes through
 * `JSON.stringify`, and variable paths are hoisted as constant arrays, so no text from a schema is
 * ever spliced into code unquoted. Operators that take a sub-expression over other data (map,
 * filter, reduce, all, some, none, missing, merge) call the closure compiled by `compileRule`.
 */
import type { RuleContext } from './types.ts';
import { compileRule, lookup, num, truthy, walk, type RuleFn } from './json-logic.ts';

/** Accumulates what generated expressions share: constants and fallback closures. */
export class SourceContext {
  readonly constants: string[] = [];

  /**
   * @param roundContext the form's fixed `$round`/`$tables`, when known at generation time: literal
   *   reads of round data then become constants instead of lookups on every call
   */
  constructor(readonly roundContext?: RuleContext) {}

  readonly fallbacks: RuleFn[] = [];
  private temps = 0;
  private frames: string[][] = [[]];

  /** Hoists a JSON value as a module constant and returns its name. */
  constant(value: unknown): string {
    const name = `K${this.constants.length}`;
    this.constants.push(`const ${name} = ${JSON.stringify(value)};`);
    return name;
  }

  /** Values the generated code reads by reference (as `V[i]`), so objects keep their identity. */
  readonly values: unknown[] = [];

  value(v: unknown): string {
    return `V[${this.values.push(v) - 1}]`;
  }

  /** A fresh temporary variable of the current function. */
  temp(): string {
    const name = `t${this.temps++}`;
    (this.frames[this.frames.length - 1] as string[]).push(name);
    return name;
  }

  /** Starts a function: temporaries from here on belong to it until {@link endFunction}. */
  beginFunction(): void {
    this.frames.push([]);
  }

  /** Ends a function and returns the `let` line declaring its temporaries. */
  endFunction(): string {
    const declared = this.frames.pop() ?? [];
    return declared.length > 0 ? `let ${declared.join(', ')};` : '';
  }

  /**
   * Set while generating a function that keeps the properties of the object in scope in local
   * variables instead of a copy of the object: `read` gives the expression for one property.
   */
  scope: { readonly name: string; read(key: string): string } | undefined = undefined;
  /** Set when an expression needed the object in scope as a whole, which such a function lacks. */
  scopeUsed = false;

  /** The data variable where an expression reads the whole object, not one property of it. */
  whole(data: string): string {
    if (this.scope && data === this.scope.name) this.scopeUsed = true;
    return data;
  }

  fallback(logic: unknown): string {
    this.fallbacks.push(compileRule(logic));
    return `F[${this.fallbacks.length - 1}]`;
  }
}

/** Operators whose result is already a boolean: their truthiness is the result itself. */
export const BOOLEAN_OPS: ReadonlySet<string> = new Set(['==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!']);
/** The operator of a JSON-Logic expression ('' for a literal or a list). */
export const opOf = (logic: unknown): string =>
  logic !== null && typeof logic === 'object' && !Array.isArray(logic) ? (Object.keys(logic)[0] ?? '') : '';

// JSON.stringify writes -0 as 0; a literal -0 must stay -0 to match the closures.
const lit = (v: unknown): string => (v === undefined ? 'undefined' : Object.is(v, -0) ? '-0' : JSON.stringify(v));

/**
 * Emits a JavaScript expression equal to evaluating `logic` with `json-logic-js`.
 * @param logic the expression (already checked by `compileRule`)
 * @param data the name of the variable holding the data in scope
 * @param sc the shared context
 * @returns a JavaScript expression using `H` (helpers), `ctx` and `F`
 */
export function logicSource(logic: unknown, data: string, sc: SourceContext): string {
  if (Array.isArray(logic)) return `[${logic.map((l) => logicSource(l, data, sc)).join(', ')}]`;
  if (logic === null || typeof logic !== 'object') return lit(logic);
  const [op] = Object.keys(logic) as [string];
  const raw = (logic as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const a = (i: number): string => (i < args.length ? logicSource(args[i], data, sc) : 'undefined');
  const all = (): string[] => args.map((_, i) => a(i));
  // `truthy` of a comparison is the comparison itself.
  const truth = (i: number): string => (BOOLEAN_OPS.has(opOf(args[i])) ? a(i) : `H.truthy(${a(i)})`);
  // `num` of a number is the number (-0 made 0); only text and the like need the call.
  const number = (i: number): string => {
    const arg = args[i];
    if (typeof arg === 'number' && Number.isFinite(arg)) return JSON.stringify(arg === 0 ? 0 : arg);
    const t = sc.temp();
    return `(typeof (${t} = ${a(i)}) === "number" ? (${t} === 0 ? 0 : ${t}) : H.num(${t}))`;
  };
  switch (op) {
    case 'var': {
      const path = args[0];
      if (typeof path === 'string' && path !== '' && args.length < 2) {
        const parts = path.split('.');
        if (parts[0] === '$round' || parts[0] === '$tables') {
          // `walk` reads only the round context here, never the data.
          return sc.roundContext ? sc.constant(walk(undefined, sc.roundContext, parts, null)) : `H.walk(null, ctx, ${sc.constant(parts)}, null)`;
        }
        // Plain property reads, inlined: the same steps as `walk`, without the call and the loop.
        let expr = data;
        let rest = parts;
        if (sc.scope && data === sc.scope.name) {
          // The object in scope is never null, so the first step is the property read alone.
          const t = sc.temp();
          expr = `((${t} = ${sc.scope.read(parts[0] as string)}) === undefined ? null : ${t})`;
          rest = parts.slice(1);
        }
        for (const part of rest) {
          const t = sc.temp();
          expr = `((${t} = ${expr}) === null || ${t} === undefined || (${t} = ${t}[${JSON.stringify(part)}]) === undefined ? null : ${t})`;
        }
        return expr;
      }
      // A table lookup such as {"var": {"cat": ["$tables.kommuner.", {"var": "kode"}, ".navn"]}}: walk the
      // literal parts as constants and step through the computed key, instead of building and
      // splitting a string on every call.
      const cat = path && typeof path === 'object' && !Array.isArray(path) ? (path as Record<string, unknown>).cat : undefined;
      if (Array.isArray(cat) && args.length < 2 && cat.length >= 2 && cat.length <= 3) {
        const [head, key, tail] = cat as [unknown, unknown, unknown];
        const keyIsExpr = key !== null && typeof key === 'object';
        if (typeof head === 'string' && head.endsWith('.') && head.length > 1 && keyIsExpr && (tail === undefined || (typeof tail === 'string' && tail.startsWith('.') && tail.length > 1))) {
          const headParts = sc.constant(head.slice(0, -1).split('.'));
          const tailParts = tail === undefined ? 'null' : sc.constant((tail as string).slice(1).split('.'));
          // A head in the round context never reads the data, and with the round known it is a constant.
          const round = head.startsWith('$round.') || head.startsWith('$tables.');
          if (round && sc.roundContext) {
            const table = walk(undefined, sc.roundContext, head.slice(0, -1).split('.'), null);
            const from = sc.value(table);
            const tailList = tail === undefined ? null : (tail as string).slice(1).split('.');
            const answers = tableAnswers(table, tailList, sc.roundContext);
            if (!answers) return `H.stepFrom(${from}, ctx, ${headParts}, ${logicSource(key, data, sc)}, ${tailParts})`;
            // Every answer of a frozen table read once, here; a key it does not hold takes the general step.
            const t = sc.temp();
            const found = sc.temp();
            return `((${found} = ${sc.value(answers)}.get(${t} = ${logicSource(key, data, sc)})) !== undefined ? ${found} : H.stepFrom(${from}, ctx, ${headParts}, ${t}, ${tailParts}))`;
          }
          return `H.step(${round ? 'null' : sc.whole(data)}, ctx, ${headParts}, ${logicSource(key, data, sc)}, ${tailParts})`;
        }
      }
      return `H.lookup(${sc.whole(data)}, ctx, ${a(0)}, ${args.length > 1 ? a(1) : 'null'})`;
    }
    case 'if':
    case '?:': {
      let out = args.length % 2 === 1 ? a(args.length - 1) : 'null';
      for (let i = args.length - (args.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2) out = `(${truth(i)} ? ${a(i + 1)} : ${out})`;
      return out;
    }
    case '==':
    case '===':
    case '!=':
    case '!==':
    case '>':
    case '>=':
    case '/':
      return `(${a(0)} ${op} ${a(1)})`;
    case '%': {
      if (args[1] !== 1 || args.length !== 2) return `(${a(0)} % ${a(1)})`;
      // The fraction of a positive number, as in rounding (x + 0.5) - (x + 0.5) % 1: V8 computes a
      // double's % in a library call, x - floor(x) in line, and for x > 0 the two are exactly equal
      // (the fraction is representable and the subtraction exact). Zero, negatives and other values
      // keep %, for the sign of -0 and JavaScript's conversions.
      const t = sc.temp();
      return `(typeof (${t} = ${a(0)}) === "number" && ${t} > 0 ? ${t} - Math.floor(${t}) : ${t} % 1)`;
    }
    case '<':
    case '<=':
      return args.length >= 3 ? `H.between(${JSON.stringify(op)}, ${a(0)}, ${a(1)}, ${a(2)})` : `(${a(0)} ${op} ${a(1)})`;
    case '!':
      return `!${truth(0)}`;
    case '!!':
      return `H.truthy(${a(0)})`;
    case 'and':
    case 'or': {
      if (args.length === 0) return 'undefined';
      const t = sc.temp();
      const stop = op === 'and' ? '!' : '';
      return `(${all()
        .map((x, i) => (i === args.length - 1 ? `${x}` : `${stop}H.truthy(${t} = ${x}) ? ${t} : `))
        .join('')})`;
    }
    case '+':
      return `(0${args.map((_, i) => ` + ${number(i)}`).join('')})`;
    case '*':
      if (args.length === 0) return 'H.emptyProduct()';
      if (args.length === 1) return a(0);
      // As `reduce` does: each running product passes through `num` again, which makes -0 into 0.
      return args.slice(1).reduce<string>((product, _, i) => {
        if (i === 0) return `(${number(0)} * ${number(1)})`;
        const t = sc.temp();
        return `(((${t} = ${product}) === 0 ? 0 : ${t}) * ${number(i + 1)})`;
      }, '');
    case '-':
      return `H.minus(${a(0)}, ${args.length > 1 ? a(1) : 'undefined'})`;
    case 'min':
    case 'max':
      return `Math.${op}(${all().join(', ')})`;
    case 'cat':
      return `(""${all().map((x) => ` + H.str(${x})`).join('')})`;
    case 'in':
      return `H.inn(${a(0)}, ${a(1)})`;
    default:
      return `${sc.fallback(logic)}(${sc.whole(data)}, ctx)`;
  }
}

/**
 * What `stepFrom` answers for each key of a round table, by key: the table's own keys as strings
 * (those without a dot, which `stepFrom` reads directly) and, for keys that are an integer's text,
 * as that number too. Only where the table and everything read below it is frozen, so the answers
 * cannot change after the form is compiled; `undefined` otherwise. Keys not in the map (inherited
 * ones, text with dots, other values) are left to `stepFrom`.
 */
function tableAnswers(table: unknown, tail: readonly string[] | null, ctx: RuleContext): Map<unknown, unknown> | undefined {
  if (table === null || typeof table !== 'object' || !Object.isFrozen(table)) return undefined;
  const frozen = (v: unknown): boolean => v === null || typeof v !== 'object' || Object.isFrozen(v);
  const answers = new Map<unknown, unknown>();
  for (const k of Object.keys(table)) {
    if (k === '' || k.includes('.')) continue;
    const cur = (table as Record<string, unknown>)[k];
    if (cur === undefined) continue;
    if (!frozen(cur)) return undefined;
    let value: unknown = cur;
    if (tail) {
      // The same steps as `walk`, checking that each object passed through is frozen.
      let at: unknown = tail[0] === '$round' || tail[0] === '$tables' ? ctx[tail[0]] : cur;
      for (let i = tail[0] === '$round' || tail[0] === '$tables' ? 1 : 0; i < tail.length && at !== null && at !== undefined; i++) {
        if (!frozen(at)) return undefined;
        at = (at as Record<string, unknown>)[tail[i] as string];
      }
      if (!frozen(at)) return undefined;
      value = walk(cur, ctx, tail, null);
    }
    if (value === undefined) continue;
    answers.set(k, value);
    const n = Number(k);
    if (Number.isInteger(n) && String(n) === k) answers.set(n, value);
  }
  return answers;
}

/** Runtime helpers the generated code calls; same semantics as the closures in json-logic.ts. */
export const LOGIC_HELPERS = Object.freeze({
  truthy,
  num,
  walk,
  lookup,
  str: (v: unknown): string => (v === null || v === undefined ? '' : String(v)),
  minus: (a: unknown, b: unknown): number => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  between: (op: string, a: unknown, b: unknown, c: unknown): boolean => {
    const f = op === '<' ? (x: unknown, y: unknown) => (x as number) < (y as number) : (x: unknown, y: unknown) => (x as number) <= (y as number);
    return c === undefined ? f(a, b) : f(a, b) && f(b, c);
  },
  inn: (a: unknown, b: unknown): boolean =>
    !b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined' ? false : (b as string).indexOf(a as string) !== -1,
  emptyProduct: (): never => {
    throw new TypeError('Reduce of empty array with no initial value');
  },
  step(data: unknown, ctx: RuleContext, head: readonly string[], key: unknown, tail: readonly string[] | null): unknown {
    return LOGIC_HELPERS.stepFrom(walk(data, ctx, head, null), ctx, head, key, tail, data);
  },
  /** `step` from the value at `head`, already walked (a constant where the head is in the round context). */
  stepFrom(from: unknown, ctx: RuleContext, head: readonly string[], key: unknown, tail: readonly string[] | null, data: unknown = null): unknown {
    // An integer reads the property its decimal text names, without making the text.
    if (typeof key === 'number' && Number.isInteger(key) && from !== null) {
      const cur = (from as Record<number, unknown>)[key];
      if (cur === undefined) return null;
      return tail ? walk(cur, ctx, tail, null) : cur;
    }
    const k = key === null || key === undefined ? '' : String(key);
    // A key that itself holds dots (or is empty) is rare: take the general path for the exact semantics.
    if (k === '' || k.includes('.')) return lookup(data, ctx, `${head.join('.')}.${k}${tail ? `.${tail.join('.')}` : ''}`, null);
    if (from === null) return null;
    const cur = (from as Record<string, unknown>)[k];
    if (cur === undefined) return null;
    return tail ? walk(cur, ctx, tail, null) : cur;
  },
});

/**
 * Compiles one JSON-Logic expression into a generated function where the platform allows
 * `new Function`, else into closures.
 * @param logic the expression
 * @param roundContext the form's fixed round context, to read round data once at generation time
 * @returns a function of (data in scope, round context)
 */
export function compileRuleToCode(logic: unknown, roundContext?: RuleContext): RuleFn {
  const closure = compileRule(logic);
  const sc = new SourceContext(roundContext);
  const expr = logicSource(logic, 'd', sc);
  const temps = sc.endFunction();
  try {
    const make = new Function('H', 'F', 'V', `"use strict";\n${sc.constants.join('\n')}\nreturn function rule(d, ctx) { ${temps} return ${expr}; };`);
    return make(LOGIC_HELPERS, sc.fallbacks, sc.values) as RuleFn;
  } catch {
    return closure;
  }
}
