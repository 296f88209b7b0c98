import { compileRule, truthy, type RuleFn } from './json-logic.ts';
import type { JsonSchema, RuleContext } from './types.ts';

/** The respondent a form page is for, as JSON Logic in `x-start` and `x-addable` reads it. */
export interface PageRespondentData {
  readonly key: string;
  readonly name: string;
  /** The respondent table's columns for it (region, size group, anything round data holds). */
  readonly attributes: Readonly<Record<string, string>>;
}

const props = (schema: JsonSchema): Record<string, JsonSchema> => ((schema.properties ?? {}) as Record<string, JsonSchema>);

// Schemas are frozen and live as long as their round: each expression is compiled once, at its first page.
const compiled = new WeakMap<object, RuleFn>();
function holds(logic: unknown, who: PageRespondentData, ctx: RuleContext): boolean {
  if (logic === null || typeof logic !== 'object') return truthy(logic);
  let fn = compiled.get(logic);
  if (!fn) {
    fn = compileRule(logic);
    compiled.set(logic, fn);
  }
  return truthy(fn(scope(who), ctx));
}

const scope = (who: PageRespondentData) => ({ respondent: { ...who.attributes, key: who.key, name: who.name } });

function fill(value: unknown, who: PageRespondentData): unknown {
  if (typeof value === 'string') return value.replaceAll('{key}', who.key).replaceAll('{name}', who.name);
  if (Array.isArray(value)) return value.map((v) => fill(v, who));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, who)]));
  return value;
}

/**
 * The answers a new form starts with: the respondent's key in the `x-respondent-key` field, and
 * each top-level field's `x-start` case that fits the respondent. Round data, not code, says what
 * a municipality with one management starts with.
 * @param schema the form's schema
 * @param who the respondent
 * @param ctx the round context JSON Logic reads
 * @returns the starting answers
 */
export function startingAnswers(schema: JsonSchema, who: PageRespondentData, ctx: RuleContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(props(schema))) {
    if (sub['x-respondent-key'] === true) out[name] = who.key;
    const cases = sub['x-start'];
    if (!Array.isArray(cases)) continue;
    const hit = (cases as Array<{ when?: unknown; value: unknown }>).find((c) => c.when === undefined || holds(c.when, who, ctx));
    if (hit) out[name] = fill(hit.value, who);
  }
  return out;
}

/**
 * The form's page settings for a respondent that come from the schema: its key field is shown,
 * never chosen; a list whose `x-addable` does not hold for it offers no add or remove buttons.
 * @param schema the form's schema
 * @param who the respondent
 * @param ctx the round context JSON Logic reads
 * @returns ui overrides by top-level field, or undefined for none
 */
export function respondentUi(schema: JsonSchema, who: PageRespondentData, ctx: RuleContext): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(props(schema))) {
    if (sub['x-respondent-key'] === true) out[name] = { 'ui:readonly': true };
    const addable = sub['x-addable'];
    if (addable !== undefined && !holds(addable, who, ctx)) out[name] = { 'ui:options': { addable: false, removable: false } };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
