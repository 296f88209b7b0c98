import { atPointer, type CompiledForm, type Issue } from '../engine/index.ts';
import type { Respondent } from './respondents.ts';
import { childSchemas, schemasAt, type SchemasAt } from './schema-parts.ts';
import { choices, numberSteps, OMIT, shuffled, stepValue, syntheticValue, typeOf, type Place, type SyntheticContext } from './synthetic-value.ts';

/** What the generator needs besides the form and the respondent. */
export interface SyntheticDeps {
  /** The seeded random source (`createRng`): the same seed draws the same answers. */
  readonly rng: () => number;
  /** When the answer is given: drawn dates fall in the year before it. */
  readonly today: Date;
}

/** A drawn answer: valid by the engine's verdict, or the last attempt with what the engine said. */
export type SyntheticResult =
  | { readonly ok: true; readonly answers: Record<string, unknown> }
  | { readonly ok: false; readonly answers: Record<string, unknown>; readonly issues: readonly Issue[] };

// Fresh answers drawn before giving up, and validations allowed per drawn answer.
const RESTARTS = 6;
const BUDGET = 20_000;
// Issues fixed in a row within one scope before that scope counts as stuck.
const MAX_STEPS = 200;
// How often one issue may come back before its repair starts one level higher.
const RECUR = 3;
// Fresh values tried at a place before its parent is redrawn instead.
const FRESH = 12;
// Bounded whole numbers are tried exhaustively up to this many values.
const SCAN_LIMIT = 2_000;

interface Run {
  readonly form: CompiledForm;
  readonly ctx: SyntheticContext;
  left: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const segments = (pointer: string): string[] => (pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')));
const parentOf = (pointer: string): string => pointer.slice(0, pointer.lastIndexOf('/'));
const under = (path: string, scope: string): boolean => path === scope || path.startsWith(`${scope}/`) || scope === '';
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function setAt(doc: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> | undefined {
  const copy = structuredClone(doc);
  const path = segments(pointer);
  let cur: unknown = copy;
  for (const s of path.slice(0, -1)) {
    cur = (cur as Record<string, unknown>)[s];
    if (cur === null || typeof cur !== 'object') return undefined;
  }
  const last = path[path.length - 1]!;
  if (value === OMIT) {
    if (Array.isArray(cur)) return undefined;
    delete (cur as Record<string, unknown>)[last];
  } else (cur as Record<string, unknown>)[last] = value;
  return copy;
}

function placeOf(doc: unknown, pointer: string, at: SchemasAt): Place {
  const path = segments(pointer);
  let item: number | undefined;
  let cur = doc;
  for (const s of path) {
    if (Array.isArray(cur)) item = Number(s);
    cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string, unknown>)[s] : undefined;
  }
  const title = at.parts.map((p) => p.title).find((t): t is string => typeof t === 'string') ?? path[path.length - 1];
  return { path, item, title };
}

// Whether the value at a pointer may be left out: an object's property no part requires.
function optional(run: Run, prepared: unknown, pointer: string): boolean {
  const parent = parentOf(pointer);
  const holder = atPointer(prepared, parent);
  if (!isObj(holder)) return false;
  const at = schemasAt(run.ctx.root, prepared, parent);
  const key = segments(pointer).pop()!;
  for (const p of at?.parts ?? []) {
    if (Array.isArray(p.required) && (p.required as string[]).includes(key)) return false;
    if (isObj(p.dependentRequired) && Object.entries(p.dependentRequired).some(([k, list]) => k in holder && (list as string[]).includes(key))) return false;
  }
  return true;
}

/** Other values for one place, most targeted first: listed choices, every bounded number, shorter or longer arrays, fresh draws, leaving it out. */
function* alternatives(run: Run, at: SchemasAt, current: unknown, place: Place, omittable: boolean): Generator<unknown> {
  const { ctx } = run;
  const parts = at.parts;
  // Computed fields and the respondent's key are not the generator's to change: the fault lies above.
  if (parts.some((p) => p.readOnly === true || p['x-compute'] !== undefined || p['x-respondent-key'] === true)) return;
  const listed = choices(parts);
  const type = typeOf(parts);
  if (listed) {
    for (const v of shuffled(ctx.rng, listed)) if (!same(v, current)) yield structuredClone(v);
  } else if (type === 'boolean') {
    for (const v of shuffled(ctx.rng, [true, false])) if (v !== current) yield v;
  } else if (type === 'integer' || type === 'number') {
    const { step, lo, hi } = numberSteps(parts, type === 'integer');
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= SCAN_LIMIT) {
      const ks = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
      for (const k of shuffled(ctx.rng, ks)) if (stepValue(k, step) !== current) yield stepValue(k, step);
    }
  } else if (Array.isArray(current)) {
    const min = Math.max(0, ...parts.map((p) => p.minItems).filter((v): v is number => typeof v === 'number'));
    const max = Math.min(Infinity, ...parts.map((p) => p.maxItems).filter((v): v is number => typeof v === 'number'));
    for (let n = current.length - 1; n >= min; n--) yield current.slice(0, n);
    for (let n = current.length + 1; n <= Math.min(max, current.length + 3); n++) {
      const more = [...current];
      while (more.length < n) {
        const i = more.length;
        const item = syntheticValue(childSchemas(parts, String(i), true), ctx, { path: [...place.path, String(i)], item: i });
        if (item === OMIT) break;
        more.push(item);
      }
      if (more.length === n) yield more;
    }
  }
  for (let i = 0; i < FRESH; i++) {
    const v = syntheticValue(at.schemas, ctx, place);
    if (v !== OMIT && !same(v, current)) yield v;
  }
  if (omittable && current !== undefined) yield OMIT;
}

/**
 * Fixes one issue by replacing the value at its path, or at an ancestor when no value there
 * helps, but never the scope itself: the first replacement whose own subtree then settles wins.
 */
function fix(run: Run, answers: Record<string, unknown>, issue: Issue, scope: string, climb: number): Record<string, unknown> | undefined {
  const prepared = run.form.prepare(answers);
  if ((issue.keyword === 'additionalProperties' || issue.keyword === 'unevaluatedProperties') && climb === 0) {
    const without = setAt(answers, issue.path, OMIT);
    if (without) return without;
  }
  let pointer = issue.path;
  for (let i = 0; i < climb && pointer.length > scope.length; i++) pointer = parentOf(pointer);
  for (; pointer.length > scope.length && under(pointer, scope); pointer = parentOf(pointer)) {
    const at = schemasAt(run.ctx.root, prepared, pointer);
    if (!at) continue;
    const place = placeOf(prepared, pointer, at);
    for (const candidate of alternatives(run, at, atPointer(answers, pointer), place, optional(run, prepared, pointer))) {
      const next = setAt(answers, pointer, candidate);
      if (!next) break;
      const settled = settle(run, next, pointer);
      if (settled) return settled;
      if (run.left <= 0) return undefined;
    }
  }
  return undefined;
}

/**
 * Repairs answers until the engine finds nothing at or under `scope`, one issue at a time, with
 * the engine as the only judge; undefined when that needs `scope` itself replaced.
 */
function settle(run: Run, start: Record<string, unknown>, scope: string): Record<string, unknown> | undefined {
  let answers = start;
  const seen = new Map<string, number>();
  for (let step = 0; step < MAX_STEPS; step++) {
    if (run.left-- <= 0) return undefined;
    const result = run.form.validate(answers);
    const issue = result.ok ? undefined : result.issues.find((i) => under(i.path, scope));
    if (!issue) return answers;
    const key = `${issue.keyword}\u0000${issue.path}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const next = fix(run, answers, issue, scope, Math.floor((count - 1) / RECUR));
    if (!next) return undefined;
    answers = next;
  }
  return undefined;
}

/**
 * Draws one plausible answer to a form for a respondent from the form's schema alone (and its
 * optional `x-demo` hints), then lets the engine judge it: each issue it reports is repaired by
 * trying other values at its path, or above it, until the answer validates. The answer is raw:
 * computed fields are left to the engine's `prepare`, and the caller submits it through the same
 * validation as any respondent's.
 * @param form the compiled form
 * @param respondent whose answer it is (its key fills the `x-respondent-key` field)
 * @param deps the seeded random source and the day of answering
 * @returns the answer, or the last attempt with the engine's issues
 * @example
 * const r = syntheticAnswers(round.forms.get(formName)!, { key: '0101', name: 'København' }, { rng: createRng(1), today: new Date() });
 */
export function syntheticAnswers(form: CompiledForm, respondent: Pick<Respondent, 'key' | 'name'>, deps: SyntheticDeps): SyntheticResult {
  const ctx: SyntheticContext = { rng: deps.rng, root: form.schema, respondent, today: deps.today };
  let last: Record<string, unknown> = {};
  for (let attempt = 0; attempt < RESTARTS; attempt++) {
    const drawn = syntheticValue([form.schema], ctx, { path: [] });
    last = isObj(drawn) ? drawn : {};
    const settled = settle({ form, ctx, left: BUDGET }, last, '');
    if (settled) return { ok: true, answers: settled };
  }
  const verdict = form.validate(last);
  return verdict.ok ? { ok: true, answers: last } : { ok: false, answers: last, issues: verdict.issues };
}
