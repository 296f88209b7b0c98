import type { RulePlan } from './build-plan.ts';
import { truthy } from './json-logic.ts';
import type { RuleContext } from './types.ts';

function get(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * Whether a cross-field rule raises no issue on an object: it holds, or the field it speaks of
 * is not answered. A rule that throws does not hold.
 * @param rule the rule
 * @param scope the object the rule reads
 * @param ctx round settings and tables
 * @returns true when there is nothing to report
 */
export function ruleHolds(rule: RulePlan, scope: unknown, ctx: RuleContext): boolean {
  if (get(scope, rule.path) === undefined) return true;
  try {
    return truthy(rule.fn(scope, ctx));
  } catch {
    return false;
  }
}
