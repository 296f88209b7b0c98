import { applyPlan, type PendingRule } from './apply-plan.ts';
import type { ObjectPlan, Plan, RulePlan } from './build-plan.ts';
import { inlineTest } from './inline-test.ts';
import { BOOLEAN_OPS, LOGIC_HELPERS, logicSource, opOf, SourceContext } from './json-logic-source.ts';
import type { RuleContext } from './types.ts';

/** The prepare step as one generated function: same result as `applyPlan`, several times faster. */
export type PrepareFn = (value: unknown, ctx: RuleContext, pending: PendingRule[]) => unknown;

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

const FIT: Record<string, string> = {
  integer: 'Number.isInteger(x)',
  number: '(typeof x === "number" && Number.isFinite(x))',
  string: 'typeof x === "string"',
  boolean: 'typeof x === "boolean"',
  array: 'Array.isArray(x)',
  object: '(x !== null && typeof x === "object" && !Array.isArray(x))',
};

// A key an object answers from Object.prototype without owning it (`toString`, `__proto__`): reading
// it from the input is not the same as reading it from a copy, so such objects are copied.
const plainKey = (key: string): boolean => !(key in Object.prototype);

const pathNeeded = new WeakMap<object, boolean>();

// Only functions with rules somewhere below them report paths; the rest are spared building them.
// Below a recursive reference the path is always built: its answer is still being worked out.
function needsPath(p: Plan): boolean {
  if (!p) return false;
  if (p.kind === 'ref') return true;
  let known = pathNeeded.get(p);
  if (known === undefined) {
    known =
      p.kind === 'array'
        ? needsPath(p.items)
        : p.rules.length > 0 ||
          [...p.children.values()].some(needsPath) ||
          p.conditionals.some((c) => needsPath(c.then) || needsPath(c.else));
    pathNeeded.set(p, known);
  }
  return known;
}

/**
 * Generates the prepare function of a plan, the way ajv generates validators: straight-line code
 * per object with constant property names, so the engine's work costs little next to ajv's.
 * Used on the server only; the browser (no `eval` under its Content-Security-Policy) walks the same
 * plan with `applyPlan`. A test checks that the two always agree.
 * @param plan the plan built from the schema
 * @param roundContext the form's fixed round context (its literal reads become constants)
 * @returns the function, or `undefined` where code cannot be generated at run time
 */
export function generatePrepare(plan: Plan, roundContext?: RuleContext): PrepareFn | undefined {
  if (!plan) return (value) => value;
  const sc = new SourceContext(roundContext);
  const fns: string[] = [];
  const names = new Map<Plan, string>();
  const tests: unknown[] = [];
  const rules: RulePlan[] = [];

  const fit = (type: unknown): string => {
    const types = (Array.isArray(type) ? type : type === undefined ? [] : [type]) as string[];
    if (types.length === 0) return 'x !== null && x !== undefined';
    return `x !== null && x !== undefined && (${types.map((t) => FIT[t] ?? 'false').join(' || ')})`;
  };

  const plans: ObjectPlan[] = [];

  /**
   * A rule checked in line on the finished object `o`, with `ruleHolds`' semantics: a rule whose
   * field is not answered raises nothing, a rule that throws does not hold. Only failing rules are
   * queued. Emitted inside the object's function, so its temporaries are that function's.
   */
  const ruleCheck = (i: number): string => {
    const rule = rules[i] as RulePlan;
    let answered = 'o';
    for (const [n, part] of rule.path.entries()) {
      const t = sc.temp();
      answered =
        n === 0
          ? `(${t} = o[${JSON.stringify(part)}])`
          : `((${t} = ${answered}) === null || typeof ${t} !== "object" ? undefined : ${t}[${JSON.stringify(part)}])`;
    }
    const expr = logicSource(rule.logic, 'o', sc);
    const holds = BOOLEAN_OPS.has(opOf(rule.logic)) ? `(${expr})` : `H.truthy(${expr})`;
    return (
      `if (${answered} !== undefined) { try { x = ${holds}; } catch (e) { x = false; } ` +
      `if (!x) pending.push({ rule: R[${i}], scope: o, base: path }); }`
    );
  };

  const fnFor = (p: Plan): string => {
    // A recursive reference calls the function of the plan it stands for, named before its body is made.
    if (p?.kind === 'ref') return fnFor(p.target());
    const known = names.get(p);
    if (known) return known;
    const name = `f${names.size}`;
    names.set(p, name);
    if (!p) fns.push(`function ${name}(v) { return v; }`);
    else if (p.kind === 'array') {
      const item = fnFor(p.items);
      fns.push(
        `function ${name}(v, ctx, path, pending) { if (!Array.isArray(v)) return v; const o = new Array(v.length); ` +
          `for (let i = 0; i < v.length; i++) o[i] = ${item}(v[i], ctx, ${needsPath(p.items) ? 'path + "/" + i' : '""'}, pending); return o; }`,
      );
    } else fns.push((p.prune ? pruneFn(name, p) : undefined) ?? objectFn(name, p));
    return name;
  };

  const childPath = (child: Plan, key: string): string =>
    needsPath(child) ? `path + ${JSON.stringify(`/${escapePointer(key)}`)}` : '""';

  interface Part {
    readonly keys: readonly string[];
    readonly rules: readonly number[];
    readonly branches: readonly { readonly flag: string; readonly then?: Part; readonly else?: Part }[];
  }

  /**
   * A pruned object without a scratch copy: the properties the plan changes live in local
   * variables, the others are read from the input, and the result is built once, in declaration
   * order. Returns `undefined` where that cannot match the copying function exactly (a key found on
   * Object.prototype, a condition ajv must decide, an expression that needs the whole object).
   */
  function pruneFn(name: string, plan: ObjectPlan): string | undefined {
    const locals = new Map<string, string>();
    const assigned = (p: ObjectPlan): void => {
      for (const key of [...p.children.keys(), ...p.computed.map((c) => c.key)]) if (!locals.has(key)) locals.set(key, `l${locals.size}`);
      for (const c of p.conditionals) for (const b of [c.then, c.else]) if (b) assigned(b);
    };
    assigned(plan);
    let plain = [...locals.keys()].every(plainKey);
    const read = (key: string): string => {
      if (!plainKey(key)) plain = false;
      return locals.get(key) ?? `v[${JSON.stringify(key)}]`;
    };
    // Children are generated first: their functions have scopes of their own.
    const children = (p: ObjectPlan): void => {
      for (const child of p.children.values()) fnFor(child);
      for (const c of p.conditionals) for (const b of [c.then, c.else]) if (b) children(b);
    };
    children(plan);
    sc.beginFunction();
    sc.scope = { name: 's', read };
    sc.scopeUsed = false;
    const flags: string[] = [];
    const body: string[] = [];
    const emit = (p: ObjectPlan, out: string[]): Part | undefined => {
      for (const [key, child] of p.children) {
        const l = read(key);
        out.push(`if (${l} !== undefined) ${l} = ${fnFor(child)}(${l}, ctx, ${childPath(child, key)}, pending);`);
      }
      for (const c of p.computed) {
        out.push(`try { x = ${logicSource(c.logic, 's', sc)}; } catch (e) { x = undefined; }`);
        out.push(`${read(c.key)} = (${fit(c.type)}) ? x : undefined;`);
      }
      const ruleIdx = p.rules.map((r) => rules.push(r) - 1);
      const branches: Part['branches'][number][] = [];
      for (const cond of p.conditionals) {
        const test = inlineTest(cond.schema, (key) => (plainKey(key) ? read(key) : undefined));
        if (test === undefined) return undefined;
        const flag = `b${flags.length}`;
        flags.push(flag);
        out.push(`${flag} = ${test};`);
        const thenCode: string[] = [];
        const elseCode: string[] = [];
        const then = cond.then ? emit(cond.then, thenCode) : undefined;
        const otherwise = cond.else ? emit(cond.else, elseCode) : undefined;
        if ((cond.then && !then) || (cond.else && !otherwise)) return undefined;
        out.push(`if (${flag}) { ${thenCode.join(' ')} } else { ${elseCode.join(' ')} }`);
        branches.push({ flag, ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) });
      }
      return { keys: p.keys, rules: ruleIdx, branches };
    };
    // Keys already collected on the way here are skipped: setting them again changes nothing.
    const collect = (part: Part, done: ReadonlySet<string>): string => {
      const seen = new Set(done);
      const out: string[] = [];
      for (const key of part.keys) {
        if (seen.has(key)) continue;
        seen.add(key);
        const r = read(key);
        const k = JSON.stringify(key);
        out.push(locals.has(key) ? `if (${r} !== undefined) o[${k}] = ${r};` : `if ((x = ${r}) !== undefined) o[${k}] = x;`);
      }
      for (const b of part.branches) {
        out.push(`if (${b.flag}) { ${b.then ? collect(b.then, seen) : ''} } else { ${b.else ? collect(b.else, seen) : ''} }`);
      }
      for (const i of part.rules) out.push(ruleCheck(i));
      return out.join(' ');
    };
    const base = emit(plan, body);
    const build = base ? collect(base, new Set()) : '';
    const temps = sc.endFunction();
    const ok = base !== undefined && plain && !sc.scopeUsed;
    sc.scope = undefined;
    if (!ok) return undefined;
    const declared = [...locals].map(([key, l]) => `${l} = v[${JSON.stringify(key)}]`);
    return (
      `function ${name}(v, ctx, path, pending) {\n` +
      `  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;\n` +
      // Anything but a plain JSON object (no prototype, another one) takes the plan walker, which copies.
      `  if (Object.getPrototypeOf(v) !== OP) return A(P[${plans.push(plan) - 1}], v, ctx, path, pending);\n` +
      `  let x${flags.map((f) => `, ${f} = false`).join('')}${declared.map((d) => `, ${d}`).join('')}; ${temps}\n` +
      `  ${body.join('\n  ')}\n  const o = {}; ${build}\n  return o;\n}`
    );
  }

  function objectFn(name: string, plan: ObjectPlan): string {
    sc.beginFunction();
    const flags: string[] = [];
    const body: string[] = [];
    // Emits the work of one plan (the base or a branch) into `out`; returns what it contributes.
    const emit = (p: ObjectPlan, out: string[]): Part => {
      for (const [key, child] of p.children) {
        const k = JSON.stringify(key);
        out.push(`if (s[${k}] !== undefined) s[${k}] = ${fnFor(child)}(s[${k}], ctx, ${childPath(child, key)}, pending);`);
      }
      for (const c of p.computed) {
        out.push(`try { x = ${logicSource(c.logic, 's', sc)}; } catch (e) { x = undefined; }`);
        out.push(`s[${JSON.stringify(c.key)}] = (${fit(c.type)}) ? x : undefined;`);
      }
      const ruleIdx = p.rules.map((r) => rules.push(r) - 1);
      const branches = p.conditionals.map((cond) => {
        const flag = `b${flags.length}`;
        flags.push(flag);
        const test = tests.push(cond.test) - 1;
        out.push(`${flag} = T[${test}](s);`);
        const thenCode: string[] = [];
        const elseCode: string[] = [];
        const then = cond.then ? emit(cond.then, thenCode) : undefined;
        const otherwise = cond.else ? emit(cond.else, elseCode) : undefined;
        out.push(`if (${flag}) { ${thenCode.join(' ')} } else { ${elseCode.join(' ')} }`);
        return { flag, ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) };
      });
      return { keys: p.keys, rules: ruleIdx, branches };
    };
    // Collects the keys (when pruning) and rules of the parts that applied, in declaration order.
    const collect = (part: Part, keys: boolean): string =>
      [
        ...(keys ? part.keys.map((k) => `if (!(${JSON.stringify(k)} in o) && (x = s[${JSON.stringify(k)}]) !== undefined) o[${JSON.stringify(k)}] = x;`) : []),
        ...part.branches.map(
          (b) => `if (${b.flag}) { ${b.then ? collect(b.then, keys) : ''} } else { ${b.else ? collect(b.else, keys) : ''} }`,
        ),
        // Rules after the branches' rules, the order the plan walker reports them in.
        ...part.rules.map(ruleCheck),
      ].join(' ');
    const base = emit(plan, body);
    const build = plan.prune ? `const o = {}; ${collect(base, true)}` : `const o = s; ${collect(base, false)}`;
    const temps = sc.endFunction();
    return (
      `function ${name}(v, ctx, path, pending) {\n` +
      `  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;\n` +
      `  const s = Object.assign({}, v); let x; ${flags.length ? `let ${flags.map((f) => `${f} = false`).join(', ')};` : ''} ${temps}\n` +
      `  ${body.join('\n  ')}\n  ${build}\n  return o;\n}`
    );
  }

  const root = fnFor(plan);
  const source = `"use strict";\nconst OP = Object.prototype;\n${sc.constants.join('\n')}\n${fns.join('\n')}\nreturn function prepare(v, ctx, pending) { return ${root}(v, ctx, "", pending); };`;
  let factory: (...args: unknown[]) => PrepareFn;
  try {
    factory = new Function("H", "T", "R", "F", "A", "P", "V", source) as typeof factory;
  } catch {
    return undefined;
  }
  return factory(LOGIC_HELPERS, tests, rules, sc.fallbacks, applyPlan, plans, sc.values);
}
