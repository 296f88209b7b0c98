import type { ObjectPlan, Plan, RulePlan } from './build-plan.ts';
import { ruleHolds } from './rule-holds.ts';
import type { RuleContext } from './types.ts';

/** A rule that failed on its object during the walk; reported after ajv has run, unless ajv found that object's fields wrong. */
export interface PendingRule {
  readonly rule: RulePlan;
  readonly scope: Record<string, unknown>;
  readonly base: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function fits(value: unknown, type: unknown): boolean {
  if (value === null || value === undefined) return false;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (types.length === 0) return true;
  return types.some((t) => {
    switch (t) {
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'array':
        return Array.isArray(value);
      case 'object':
        return isObject(value);
      default:
        return typeof value === t;
    }
  });
}

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Copies `value` along the plan: computes `x-compute` values, drops inapplicable answers and
 * collects the rules to check. Never mutates the input and never throws on bad data: a value that
 * cannot be computed from bad input is left out, and ajv reports the input itself.
 * @param plan the compiled plan
 * @param value the data at this point
 * @param ctx the round context for rules
 * @param path JSON Pointer of `value`
 * @param pending where rules in scope are collected
 * @returns the prepared copy
 */
export function applyPlan(plan: Plan, value: unknown, ctx: RuleContext, path: string, pending: PendingRule[]): unknown {
  if (!plan) return value;
  if (plan.kind === 'ref') return applyPlan(plan.target(), value, ctx, path, pending);
  if (plan.kind === 'array') {
    if (!Array.isArray(value)) return value;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = applyPlan(plan.items, value[i], ctx, `${path}/${i}`, pending);
    return out;
  }
  if (!isObject(value)) return value;
  // Object.assign, not spread: adding computed keys to a spread copy is very slow in V8.
  const scratch: Record<string, unknown> = Object.assign({}, value);
  const applicable: ObjectPlan[] = [];
  const queued = pending.length;
  applyObject(plan, scratch, ctx, path, pending, applicable);
  if (!plan.prune) return keepFailing(pending, queued, scratch, scratch, ctx);
  // Build the result afresh, in declaration order, instead of deleting keys: objects of one shape
  // keep the engine's and ajv's property access fast, and inapplicable answers simply never arrive.
  const out: Record<string, unknown> = {};
  for (const p of applicable) {
    for (const key of p.keys) {
      const v = scratch[key];
      if (v !== undefined && !(key in out)) out[key] = v;
    }
  }
  return keepFailing(pending, queued, scratch, out, ctx);
}

/**
 * Checks the rules this object queued (from `queued` on, with the scratch copy as scope) on the
 * finished object and keeps only those that fail, as the generated code does.
 */
function keepFailing(pending: PendingRule[], queued: number, scratch: object, done: Record<string, unknown>, ctx: RuleContext): Record<string, unknown> {
  let kept = queued;
  for (let i = queued; i < pending.length; i++) {
    const entry = pending[i] as PendingRule;
    if (entry.scope === scratch) {
      if (ruleHolds(entry.rule, done, ctx)) continue;
      pending[kept++] = { ...entry, scope: done };
    } else pending[kept++] = entry;
  }
  pending.length = kept;
  return done;
}

function applyObject(
  plan: ObjectPlan,
  out: Record<string, unknown>,
  ctx: RuleContext,
  path: string,
  pending: PendingRule[],
  applicable: ObjectPlan[],
): void {
  applicable.push(plan);
  for (const [key, child] of plan.children) {
    const v = out[key];
    if (v !== undefined) out[key] = applyPlan(child, v, ctx, `${path}/${escape(key)}`, pending);
  }
  for (const c of plan.computed) {
    let v: unknown;
    try {
      v = c.fn(out, ctx);
    } catch {
      v = undefined;
    }
    out[c.key] = fits(v, c.type) ? v : undefined;
  }
  for (const cond of plan.conditionals) {
    const branch = cond.test(out) ? cond.then : cond.else;
    if (branch) applyObject(branch, out, ctx, path, pending, applicable);
  }
  for (const rule of plan.rules) pending.push({ rule, scope: out, base: path });
}
