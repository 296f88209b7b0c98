import type { PendingRule } from './apply-plan.ts';
import type { ObjectPlan, Plan, RulePlan } from './build-plan.ts';
import { LOGIC_HELPERS, logicSource, SourceContext } from './json-logic-source.ts';
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

  const fnFor = (p: Plan): string => {
    const known = names.get(p);
    if (known) return known;
    const name = `f${names.size}`;
    names.set(p, name);
    if (!p) fns.push(`function ${name}(v) { return v; }`);
    else if (p.kind === 'array') {
      const item = fnFor(p.items);
      fns.push(
        `function ${name}(v, ctx, path, pending) { if (!Array.isArray(v)) return v; const o = new Array(v.length); ` +
          `for (let i = 0; i < v.length; i++) o[i] = ${item}(v[i], ctx, path + "/" + i, pending); return o; }`,
      );
    } else fns.push(objectFn(name, p));
    return name;
  };

  interface Part {
    readonly keys: readonly string[];
    readonly rules: readonly number[];
    readonly branches: readonly { readonly flag: string; readonly then?: Part; readonly else?: Part }[];
  }

  function objectFn(name: string, plan: ObjectPlan): string {
    sc.beginFunction();
    const flags: string[] = [];
    const body: string[] = [];
    // Emits the work of one plan (the base or a branch) into `out`; returns what it contributes.
    const emit = (p: ObjectPlan, out: string[]): Part => {
      for (const [key, child] of p.children) {
        const k = JSON.stringify(key);
        out.push(`if (s[${k}] !== undefined) s[${k}] = ${fnFor(child)}(s[${k}], ctx, path + ${JSON.stringify(`/${escapePointer(key)}`)}, pending);`);
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
        ...part.rules.map((i) => `pending.push({ rule: R[${i}], scope: o, base: path });`),
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
  const source = `"use strict";\n${sc.constants.join('\n')}\n${fns.join('\n')}\nreturn function prepare(v, ctx, pending) { return ${root}(v, ctx, "", pending); };`;
  let factory: (...args: unknown[]) => PrepareFn;
  try {
    factory = new Function("H", "T", "R", "F", source) as typeof factory;
  } catch {
    return undefined;
  }
  return factory(LOGIC_HELPERS, tests, rules, sc.fallbacks);
}
