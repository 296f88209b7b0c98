import type { ObjectPlan, Plan, RulePlan } from './build-plan.ts';
import type { RuleContext } from './types.ts';

/** A rule met during the walk, checked after ajv has run. */
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
  if (plan.kind === 'array') {
    if (!Array.isArray(value)) return value;
    return value.map((item, i) => applyPlan(plan.items, item, ctx, `${path}/${i}`, pending));
  }
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  const allowed = plan.prune ? new Set<string>() : null;
  applyObject(plan, out, ctx, path, pending, allowed);
  if (allowed) for (const k of Object.keys(out)) if (!allowed.has(k)) delete out[k];
  return out;
}

function applyObject(
  plan: ObjectPlan,
  out: Record<string, unknown>,
  ctx: RuleContext,
  path: string,
  pending: PendingRule[],
  allowed: Set<string> | null,
): void {
  for (const key of plan.keys) allowed?.add(key);
  for (const [key, child] of plan.children) {
    if (key in out) out[key] = applyPlan(child, out[key], ctx, `${path}/${escape(key)}`, pending);
  }
  for (const c of plan.computed) {
    let v: unknown;
    try {
      v = c.fn(out, ctx);
    } catch {
      v = undefined;
    }
    if (fits(v, c.type)) out[c.key] = v;
    else delete out[c.key];
  }
  for (const cond of plan.conditionals) {
    const branch = cond.test(out) ? cond.then : cond.else;
    if (branch) applyObject(branch, out, ctx, path, pending, allowed);
  }
  for (const rule of plan.rules) pending.push({ rule, scope: out, base: path });
}
