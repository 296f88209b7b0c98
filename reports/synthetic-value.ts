import type { JsonSchema } from '../engine/index.ts';
import type { Respondent } from './respondents.ts';
import { samplePattern } from './sample-pattern.ts';
import { childSchemas, matches, schemaParts } from './schema-parts.ts';

/** What drawing a value needs besides the schema. */
export interface SyntheticContext {
  readonly rng: () => number;
  /** The form's schema, which local `$ref`s point into. */
  readonly root: JsonSchema;
  /** Whose answer it is: its key fills the `x-respondent-key` field, its name the texts. */
  readonly respondent: Pick<Respondent, 'key' | 'name'>;
  /** When the answer is given: dates fall in the year before it. */
  readonly today: Date;
}

/** Where a value sits: its path, and the index of the nearest array item around it. */
export interface Place {
  readonly path: readonly string[];
  readonly item?: number;
  /** The title of the field, for texts. */
  readonly title?: string;
}

/** Hints a round's schema may give with `x-demo`. */
interface DemoHint {
  readonly values?: readonly unknown[];
  readonly share?: number;
  readonly range?: readonly [number, number];
}

/** Returned where no value should be written: the engine computes it, or no part allows one. */
export const OMIT: unique symbol = Symbol('omit');

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DAY = 24 * 60 * 60 * 1000;
// An optional field is answered about as often as not.
const OPTIONAL_SHARE = 0.5;
// A yes usually opens the part of a form that holds its substance, so demo data takes it more often.
const TRUE_SHARE = 0.7;
// Unbounded (or very wide) whole numbers are read as counts of people, units, cases: small ones.
const COUNT_SPAN = 8;
const WIDE = 50;
// Below this depth a recursive schema gets no optional fields and the fewest items it allows.
const MAX_DEPTH = 8;
const LONG_TEXT = 500;

const FILLER = [
  'Teksten er dannet automatisk til afprøvning og beskriver ikke et faktisk forhold.',
  'Svaret er fiktivt og skrevet af generatoren til demodata.',
  'Indholdet er syntetisk, så rapporter og skabeloner kan afprøves.',
];

/**
 * Picks one element of a list.
 * @param rng the random source
 * @param list a non-empty list
 * @returns an element
 */
export const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/**
 * A shuffled copy of a list (Fisher–Yates), so repairs try alternatives in a seeded order.
 * @param rng the random source
 * @param list the list
 * @returns a new list
 */
export function shuffled<T>(rng: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// The values of a `oneOf`/`anyOf` whose every branch is a constant, else undefined.
const constsOf = (branches: unknown): unknown[] | undefined =>
  Array.isArray(branches) && branches.length > 0 && branches.every((b) => isObj(b) && 'const' in b) ? branches.map((b) => (b as { const: unknown }).const) : undefined;

/**
 * The parts of every schema that holds at a place, with one branch of each `oneOf`/`anyOf` of
 * objects chosen (a `oneOf` of constants stays: it is a list of choices).
 * @param schemas the schemas
 * @param ctx the context (its rng chooses branches)
 * @returns the parts
 */
export function expandParts(schemas: readonly unknown[], ctx: SyntheticContext): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (s: unknown): void => {
    for (const part of schemaParts(s, ctx.root)) {
      if (out.includes(part)) continue;
      out.push(part);
      for (const k of ['oneOf', 'anyOf'] as const) {
        const branches = part[k];
        if (Array.isArray(branches) && branches.length > 0 && constsOf(branches) === undefined) add(pick(ctx.rng, branches));
      }
    }
  };
  for (const s of schemas) add(s);
  return out;
}

/**
 * The values a place allows when its parts list them: `const`, `enum`, or a `oneOf`/`anyOf` of
 * constants (how forms write labelled choices), intersected where several parts list them.
 * @param parts the parts
 * @returns the values, or undefined where no part lists any
 */
export function choices(parts: readonly JsonSchema[]): unknown[] | undefined {
  let out: unknown[] | undefined;
  const keep = (list: unknown[]): void => {
    const key = (v: unknown): string => JSON.stringify(v);
    out = out === undefined ? list : out.filter((v) => list.some((w) => key(w) === key(v)));
  };
  for (const p of parts) {
    if ('const' in p) keep([p.const]);
    if (Array.isArray(p.enum)) keep(p.enum);
    for (const k of ['oneOf', 'anyOf'] as const) {
      const consts = constsOf(p[k]);
      if (consts) keep(consts);
    }
  }
  return out;
}

const hintOf = (parts: readonly JsonSchema[]): DemoHint | undefined => parts.map((p) => p['x-demo']).find(isObj) as DemoHint | undefined;

/**
 * The JSON type a place takes: the first non-null type every part allows, else the one its
 * keywords suggest.
 * @param parts the parts
 * @returns the type name
 */
export function typeOf(parts: readonly JsonSchema[]): string {
  let allowed: string[] | undefined;
  for (const p of parts) {
    if (p.type === undefined) continue;
    const t = Array.isArray(p.type) ? (p.type as string[]) : [p.type as string];
    // An integer is a number: `number` in one part and `integer` in another leave `integer`.
    const meet = (a: string): string[] => (t.includes(a) ? [a] : (a === 'number' && t.includes('integer')) || (a === 'integer' && t.includes('number')) ? ['integer'] : []);
    allowed = allowed === undefined ? t : allowed.flatMap(meet);
  }
  const nonNull = allowed?.filter((t) => t !== 'null');
  if (nonNull && nonNull.length > 0) return nonNull[0]!;
  if (allowed && allowed.length > 0) return allowed[0]!;
  const has = (...ks: string[]): boolean => parts.some((p) => ks.some((k) => k in p));
  if (has('properties', 'required', 'patternProperties', 'dependentRequired')) return 'object';
  if (has('items', 'prefixItems', 'minItems', 'maxItems', 'contains')) return 'array';
  if (has('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf')) return 'number';
  return 'string';
}

const numbers = (parts: readonly JsonSchema[], k: string): number[] => parts.map((p) => p[k]).filter((v): v is number => typeof v === 'number');

/**
 * The whole numbers of steps a number may take: value = k × step for k in [lo, hi].
 * @param parts the parts
 * @param integer whether the value must be whole
 * @returns the step and the bounds of k (infinite where unbounded)
 */
export function numberSteps(parts: readonly JsonSchema[], integer: boolean): { step: number; lo: number; hi: number } {
  const m = numbers(parts, 'multipleOf')[0];
  const step = m !== undefined ? (integer && !Number.isInteger(m) ? 1 : m) : integer ? 1 : 0.1;
  let lo = -Infinity;
  let hi = Infinity;
  for (const v of numbers(parts, 'minimum')) lo = Math.max(lo, Math.ceil(v / step - 1e-9));
  for (const v of numbers(parts, 'exclusiveMinimum')) lo = Math.max(lo, Math.floor(v / step + 1e-9) + 1);
  for (const v of numbers(parts, 'maximum')) hi = Math.min(hi, Math.floor(v / step + 1e-9));
  for (const v of numbers(parts, 'exclusiveMaximum')) hi = Math.min(hi, Math.ceil(v / step - 1e-9) - 1);
  return { step, lo, hi };
}

/**
 * The value of a number of steps, rounded as the step is written (0.1 × 3 is 0.3, not 0.30000000000000004).
 * @param k the number of steps
 * @param step the step
 * @returns the number
 */
export function stepValue(k: number, step: number): number {
  const decimals = Math.min(10, (String(step).split('.')[1] ?? '').length);
  return Number((k * step).toFixed(decimals));
}

function drawNumber(parts: readonly JsonSchema[], integer: boolean, hint: DemoHint | undefined, rng: () => number): number {
  const { step } = numberSteps(parts, integer);
  let { lo, hi } = numberSteps(parts, integer);
  if (hint?.range) {
    const a = Math.max(lo, Math.ceil(hint.range[0] / step - 1e-9));
    const b = Math.min(hi, Math.floor(hint.range[1] / step + 1e-9));
    if (a <= b) [lo, hi] = [a, b];
  } else if (integer) {
    if (!Number.isFinite(lo)) lo = Number.isFinite(hi) ? Math.min(0, hi - COUNT_SPAN) : 0;
    if (!Number.isFinite(hi) || hi - lo > WIDE) hi = lo + COUNT_SPAN;
  } else {
    // A number with decimals is a share or an amount: anywhere within its bounds, or 0–100.
    if (!Number.isFinite(lo)) lo = Number.isFinite(hi) ? hi - Math.round(100 / step) : 0;
    if (!Number.isFinite(hi)) hi = lo + Math.round(100 / step);
  }
  return stepValue(lo + Math.floor(rng() * (hi - lo + 1)), step);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

const fit = (s: string, min: number, max: number, pad: string): string => {
  let chars = [...s];
  while (chars.length < min) chars = [...chars, ' ', ...pad];
  chars = chars.slice(0, max);
  const trimmed = chars.join('').trimEnd();
  return [...trimmed].length >= min ? trimmed : chars.join('');
};

function drawString(parts: readonly JsonSchema[], ctx: SyntheticContext, place: Place): string | typeof OMIT {
  const { rng, respondent, today } = ctx;
  const min = Math.max(0, ...numbers(parts, 'minLength'));
  const max = Math.min(10_000, ...numbers(parts, 'maxLength'));
  const format = parts.map((p) => p.format).find((f) => typeof f === 'string');
  const domain = `${slug(respondent.name) || slug(respondent.key) || 'demo'}.invalid`;
  const n = place.item !== undefined ? String(place.item + 1) : '';
  const back = (days: number): Date => new Date(today.getTime() - Math.floor(rng() * days) * DAY);
  switch (format) {
    case 'date':
      return back(365).toISOString().slice(0, 10);
    case 'date-time':
      return new Date(back(365).getTime() - Math.floor(rng() * DAY)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'time':
      return `${String(8 + Math.floor(rng() * 9)).padStart(2, '0')}:${String(Math.floor(rng() * 60)).padStart(2, '0')}:00Z`;
    case 'email':
    case 'idn-email':
      // `.invalid` is reserved (RFC 2606): demo addresses can never reach anyone.
      return `kontakt${n}@${domain}`;
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
      return `https://www.${domain}/${slug(place.title ?? '') || 'side'}`;
    case 'hostname':
    case 'idn-hostname':
      return domain;
    case 'ipv4':
      return `192.0.2.${1 + Math.floor(rng() * 254)}`;
    case 'uuid':
      return [8, 4, 4, 4, 12].map((len, i) => Array.from({ length: len }, (_, j) => (i === 2 && j === 0 ? '4' : Math.floor(rng() * 16).toString(16))).join('')).join('-');
    default:
      break;
  }
  const patterns = parts.map((p) => p.pattern).filter((p): p is string => typeof p === 'string');
  if (patterns.length > 0) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const s = samplePattern(patterns[0]!, rng);
      if (s === undefined) return OMIT;
      const len = [...s].length;
      if (len >= min && len <= max && patterns.every((p) => new RegExp(p, 'u').test(s))) return s;
    }
    return OMIT;
  }
  const title = place.title ?? place.path[place.path.length - 1] ?? '';
  const filler = pick(rng, FILLER);
  const text = max >= LONG_TEXT ? `${respondent.name}: syntetisk svar på "${title}". ${filler}` : `${respondent.name} – ${title}${n ? ` ${n}` : ''}`;
  return fit(text, min, max, filler);
}

function drawArray(parts: readonly JsonSchema[], ctx: SyntheticContext, place: Place, depth: number, hint: DemoHint | undefined): unknown[] {
  const lo = Math.max(0, ...numbers(parts, 'minItems'));
  const hi = Math.min(Infinity, ...numbers(parts, 'maxItems'));
  let [a, b] = depth > MAX_DEPTH ? [lo, lo] : [Math.max(lo, 1), Math.min(hi, Math.max(lo, 1) + 4)];
  if (hint?.range && depth <= MAX_DEPTH) {
    const [x, y] = [Math.max(lo, Math.ceil(hint.range[0])), Math.min(hi, Math.floor(hint.range[1]))];
    if (x <= y) [a, b] = [x, y];
  }
  const count = Math.max(lo, Math.min(hi, a + Math.floor(ctx.rng() * (b - a + 1))));
  const unique = parts.some((p) => p.uniqueItems === true);
  const out: unknown[] = [];
  for (let i = 0; out.length < count && i < count * 4; i++) {
    const k = out.length;
    const item = syntheticValue(childSchemas(parts, String(k), true), ctx, { path: [...place.path, String(k)], item: k }, depth + 1);
    if (item === OMIT) break;
    // Equal items would break `uniqueItems`: draw again, a few times at most.
    if (unique && out.some((o) => JSON.stringify(o) === JSON.stringify(item))) continue;
    out.push(item);
  }
  return out;
}

const titleOf = (schemas: readonly unknown[], ctx: SyntheticContext): string | undefined =>
  schemas.flatMap((s) => schemaParts(s, ctx.root)).map((p) => p.title).find((t): t is string => typeof t === 'string');

function drawObject(parts: readonly JsonSchema[], ctx: SyntheticContext, place: Place, depth: number): Record<string, unknown> {
  const all = [...parts];
  const out: Record<string, unknown> = {};
  const considered = new Set<string>();
  const decided = new Set<unknown>();
  const child = (k: string, schemas: readonly unknown[]): void => {
    const v = syntheticValue(schemas, ctx, { path: [...place.path, k], item: place.item, title: titleOf(schemas, ctx) ?? k }, depth + 1);
    if (v !== OMIT) out[k] = v;
  };
  // Each pass fills what the parts known so far ask for, then lets the answers so far decide
  // conditions, whose branches may ask for more; conditions on computed values are left undecided
  // here and come back from the engine as missing fields.
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    const required = new Set<string>();
    for (const p of all) {
      if (Array.isArray(p.required)) for (const r of p.required as string[]) required.add(r);
      if (isObj(p.dependentRequired)) for (const [k, list] of Object.entries(p.dependentRequired)) if (k in out) for (const r of list as string[]) required.add(r);
    }
    const names = [...new Set([...all.flatMap((p) => (isObj(p.properties) ? Object.keys(p.properties) : [])), ...required])];
    for (const k of names) {
      if (k in out) continue;
      const must = required.has(k);
      if (!must && considered.has(k)) continue;
      considered.add(k);
      if (!must && (depth > MAX_DEPTH || ctx.rng() >= OPTIONAL_SHARE)) continue;
      const schemas = childSchemas(all, k, false);
      const extra = all.map((p) => p.additionalProperties).find((s) => s !== undefined && s !== true);
      child(k, schemas.length > 0 ? schemas : extra !== undefined ? [extra] : [{ type: 'string' }]);
      changed = true;
    }
    for (const p of [...all]) {
      if (p.if !== undefined && !decided.has(p)) {
        const verdict = matches(p.if, out, ctx.root);
        if (verdict === undefined) continue;
        decided.add(p);
        const branch = verdict ? p.then : p.else;
        if (branch !== undefined) for (const q of expandParts([branch], ctx)) if (!all.includes(q)) all.push(q);
        changed = true;
      }
      if (isObj(p.dependentSchemas)) {
        for (const [k, s] of Object.entries(p.dependentSchemas)) {
          if (!(k in out) || decided.has(s)) continue;
          decided.add(s);
          for (const q of expandParts([s], ctx)) if (!all.includes(q)) all.push(q);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return out;
}

const fillIn = (v: unknown, ctx: SyntheticContext, place: Place): unknown =>
  typeof v === 'string'
    ? v.replaceAll('{name}', ctx.respondent.name).replaceAll('{key}', ctx.respondent.key).replaceAll('{n}', place.item !== undefined ? String(place.item + 1) : '')
    : structuredClone(v);

/**
 * Draws a plausible value for a place in a form from the schemas that hold there: the
 * respondent's key for `x-respondent-key`, nothing for computed (`readOnly`, `x-compute`) fields,
 * a choice among `const`/`enum`/`oneOf` constants, a sample from `x-demo.values` or `examples`,
 * and otherwise by type: numbers within their bounds (small counts where unbounded), strings by
 * format, pattern and length, booleans, arrays within their item counts, objects with their
 * required fields, some optional ones and the branches their conditions pick. The engine judges
 * the result; this only aims close.
 * @param schemas the schemas at the place
 * @param ctx randomness, the form's schema, the respondent, the day
 * @param place where the value goes
 * @param depth how deep the place is (bounds recursive schemas)
 * @returns the value, or {@link OMIT}
 */
export function syntheticValue(schemas: readonly unknown[], ctx: SyntheticContext, place: Place, depth = 0): unknown {
  const parts = expandParts(schemas, ctx);
  if (parts.some((p) => p.readOnly === true || p['x-compute'] !== undefined)) return OMIT;
  if (parts.some((p) => p['x-respondent-key'] === true)) return ctx.respondent.key;
  const hint = hintOf(parts);
  const listed = choices(parts);
  if (hint?.values && hint.values.length > 0) {
    const values = listed ? hint.values.filter((v) => listed.some((l) => JSON.stringify(l) === JSON.stringify(v))) : hint.values;
    if (values.length > 0) return fillIn(pick(ctx.rng, values), ctx, place);
  }
  if (listed) return listed.length > 0 ? structuredClone(pick(ctx.rng, listed)) : OMIT;
  const examples = parts.flatMap((p) => (Array.isArray(p.examples) ? (p.examples as unknown[]) : []));
  if (examples.length > 0) return fillIn(pick(ctx.rng, examples), ctx, place);
  switch (typeOf(parts)) {
    case 'object':
      return drawObject(parts, ctx, place, depth);
    case 'array':
      return drawArray(parts, ctx, place, depth, hint);
    case 'integer':
      return drawNumber(parts, true, hint, ctx.rng);
    case 'number':
      return drawNumber(parts, false, hint, ctx.rng);
    case 'boolean':
      return ctx.rng() < (hint?.share ?? TRUE_SHARE);
    case 'null':
      return null;
    default:
      return drawString(parts, ctx, place);
  }
}
