import type { Ajv, ValidateFunction } from 'ajv';
import { applyPlan, type PendingRule } from './apply-plan.ts';
import { PlanBuilder, type Plan } from './build-plan.ts';
import { generatePrepare } from './generate-prepare.ts';
import { createAjv, dialectOf, type Dialect } from './create-ajv.ts';
import { compileRule } from './json-logic.ts';
import { compileRuleToCode } from './json-logic-source.ts';
import { fillTemplate, keywordMessage } from './messages.ts';
import { SchemaError } from './schema-error.ts';
import { toIssues } from './to-issues.ts';
import type { CompiledForm, FormatMode, Issue, JsonSchema, Lang, RuleContext, ValidationResult } from './types.ts';

/** Options for {@link compileForm}. */
export interface CompileFormOptions {
  /**
   * The ajv instance to compile into (left as it is; one from `createAjv` has the engine's faster
   * and JSON-exact keywords); by default one shared, less strict instance per dialect.
   */
  readonly ajv?: Ajv;
  readonly name?: string;
  readonly title?: string;
  readonly ui?: JsonSchema;
  /** Round settings and tables that rules read as `$round` and `$tables`. */
  readonly context?: RuleContext;
  readonly hash?: string;
  /**
   * Validators compiled ahead of time (see `precompileForms`), looked up by JSON Pointer ('' for the
   * root, `/…/if` for conditions). With them no code is generated at run time, so the form works
   * under a Content-Security-Policy without `unsafe-eval`.
   */
  readonly precompiled?: (pointer: string) => ValidateFunction | undefined;
  /** Walk the plan instead of generating code (the browser's way); for tests comparing the two. */
  readonly interpret?: boolean;
  /** The dialect of a schema whose `$schema` names none (2020-12 unless told). */
  readonly dialect?: Dialect;
  /**
   * Documents a `$ref` may name by URI (shared definitions, a custom meta-schema), keyed by that URI.
   * A URI already known to the instance keeps its first document.
   */
  readonly resources?: Readonly<Record<string, unknown>>;
  /**
   * `assert` (the default: an e-mail field must hold an e-mail) or `annotate` (`format` only describes
   * the value, the 2020-12 default, for schemas that expect it). With `ajv` the instance decides the
   * form's own verdict and must have been made to match (`validateFormats: false` for `annotate`);
   * with `precompiled` the validators were generated for it (`precompileForms` reads it from the form).
   */
  readonly formats?: FormatMode;
}

export type { FormatMode };

const shared = new Map<string, Ajv>();
let anonymous = 0;

function sharedAjv(dialect: Dialect, formats: FormatMode): Ajv {
  let ajv = shared.get(`${dialect} ${formats}`);
  if (!ajv) {
    ajv = createAjv(dialect, true, formats === 'annotate' ? { validateFormats: false } : {});
    shared.set(`${dialect} ${formats}`, ajv);
  }
  return ajv;
}

/** Deep-freezes plain JSON data in place. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const conditions = new Map<string, Ajv>();

function conditionAjv(dialect: Dialect, formats: FormatMode): Ajv {
  let ajv = conditions.get(`${dialect} ${formats}`);
  if (!ajv) {
    // Every schema reaches this instance after the full one has checked it against its
    // meta-schema, so it skips that check and never compiles the meta-schema (as costly as a form).
    ajv = createAjv(dialect, true, { allErrors: false, verbose: false, validateSchema: false, ...(formats === 'annotate' ? { validateFormats: false } : {}) });
    conditions.set(`${dialect} ${formats}`, ajv);
  }
  return ajv;
}

// Adds the form (and the documents it refers to) to an instance, replacing an earlier form of the same id.
function register(ajv: Ajv, own: JsonSchema, id: string, resources: Readonly<Record<string, unknown>>): void {
  for (const [uri, doc] of Object.entries(resources)) {
    if (!ajv.schemas[uri] && !ajv.refs[uri]) ajv.addSchema(doc as JsonSchema, uri);
  }
  if (ajv.getSchema(id)) ajv.removeSchema(id);
  ajv.addSchema(own);
}

// The plan compiles each `if` and `x-rules`; ajv's failures there are the schema's, named as such.
function planOf(build: () => Plan): Plan {
  try {
    return build();
  } catch (e) {
    if (e instanceof Error && !(e instanceof RangeError) && !/^(strict mode|schema is invalid|can't resolve|"\$)/.test(e.message)) throw e;
    throw SchemaError.from(e);
  }
}

// Keywords written only in draft-07 (or used there with another shape).
function draft07Words(node: unknown, depth = 0): boolean {
  if (node === null || typeof node !== 'object' || depth > 64) return false;
  if (Array.isArray(node)) return node.some((n) => draft07Words(n, depth + 1));
  const s = node as JsonSchema;
  if (Array.isArray(s.items) || 'additionalItems' in s || 'dependencies' in s || 'definitions' in s) return true;
  return Object.entries(s).some(([k, v]) => k !== 'const' && k !== 'enum' && k !== 'default' && k !== 'examples' && draft07Words(v, depth + 1));
}

// A schema without `$schema` is read as 2020-12; when that fails and it is written as draft-07, say so.
function draft07Hint(schema: JsonSchema | boolean, dialect: Dialect | undefined, e: unknown): SchemaError | undefined {
  if (typeof schema !== 'object' || typeof schema.$schema === 'string' || dialect !== undefined) return undefined;
  if (!(e instanceof Error && e.message.startsWith('schema is invalid')) || !draft07Words(schema)) return undefined;
  return new SchemaError(
    '$schema',
    '',
    `skemaet angiver ikke "$schema" og læses derfor som 2020-12, men det er skrevet som draft-07 (items som liste, additionalItems, dependencies eller definitions): tilføj "$schema": "http://json-schema.org/draft-07/schema#" (${e.message})`,
  );
}

// ajv's words when an `$id` inside the schema is already taken by another form in the instance.
const TAKEN = /already exists|resolves to more than one schema/;

const EMPTY_CONTEXT: RuleContext = Object.freeze({ $round: Object.freeze({}), $tables: Object.freeze({}) });

const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Whether an issue sits at `base` or below it.
function under(issues: readonly Issue[], count: number, base: string): boolean {
  for (let i = 0; i < count; i++) {
    const path = (issues[i] as Issue).path;
    if (path.startsWith(base) && (path.length === base.length || path.charCodeAt(base.length) === 47)) return true;
  }
  return false;
}

function checkRules(pending: readonly PendingRule[], issues: Issue[], ctx: RuleContext, lang: Lang): void {
  // Only ajv's issues count below, not those of the rules pushed onto the same list.
  const count = issues.length;
  for (let p = 0; p < pending.length; p++) {
    // Both prepare paths queue only rules that failed on their finished object.
    const { rule, scope, base } = pending[p] as PendingRule;
    // Rules read several fields; until each field is valid on its own their verdict is noise.
    // Asked only of a failing rule: comparing paths costs more than evaluating most rules.
    if (count > 0 && under(issues, count, base)) continue;
    const params: Record<string, unknown> = {};
    for (const [k, fn] of rule.params) params[k] = fn(scope, ctx);
    const text = lang === 'en' && rule.message.en ? rule.message.en : rule.message.da;
    issues.push({
      path: `${base}/${rule.path.map(escape).join('/')}`,
      keyword: `x-rules:${rule.id}`,
      message: fillTemplate(text, params),
    });
  }
}

/**
 * Compiles a JSON Schema once into a form whose `validate` never throws for bad data.
 * For a schema without the project's `x-` keywords the verdict is exactly ajv's.
 * @param schema a draft-07 or 2020-12 JSON Schema
 * @param options ajv instance, round context, names
 * @returns a frozen compiled form
 * @example
 * const form = compileForm({ type: 'object', required: ['a'], properties: { a: { type: 'integer' } } });
 * form.validate({ a: 'x' }); // { ok: false, issues: [{ path: '/a', keyword: 'type', message: 'Skal være et helt tal.' }] }
 */
export function compileForm<T = unknown>(schema: JsonSchema | boolean, options: CompileFormOptions = {}): CompiledForm<T> {
  const dialect = dialectOf(schema, options.dialect);
  // A boolean schema (`true`: anything, `false`: nothing) becomes an object that says the same, so
  // the form has a place for its `$id`.
  const own = (typeof schema === 'boolean' ? { allOf: [schema] } : structuredClone(schema)) as JsonSchema;
  if (typeof own.$id !== 'string') own.$id = `urn:indberet:form:${++anonymous}`;
  // A draft-07 form that does not say so carries its dialect from here on (the renderer and the
  // browser's precompiled validators read it from the schema).
  if (dialect === 'draft-07' && typeof own.$schema !== 'string') own.$schema = 'http://json-schema.org/draft-07/schema#';
  // ajv keys a schema by its `$id` without an empty fragment.
  const id = (own.$id as string).replace(/#$/, '');
  deepFreeze(own);
  let validatorAt = options.precompiled;
  let testAt = options.precompiled;
  if (!validatorAt) {
    const formats = options.formats ?? 'assert';
    let ajv = options.ajv ?? sharedAjv(dialect, formats);
    // Conditions only need a yes or no: a second instance without allErrors and verbose errors
    // stops at the first failure and builds no error objects.
    let tests = conditionAjv(dialect, formats);
    const resources = options.resources ?? {};
    try {
      try {
        register(ajv, own, id, resources);
        register(tests, own, id, resources);
      } catch (e) {
        // An `$id` inside this schema names a schema of an earlier form: this form gets instances of its own.
        if (options.ajv || !(e instanceof Error && TAKEN.test(e.message))) throw e;
        const annotate = formats === 'annotate' ? { validateFormats: false } : {};
        ajv = createAjv(dialect, true, annotate);
        tests = createAjv(dialect, true, { allErrors: false, verbose: false, validateSchema: false, ...annotate });
        register(ajv, own, id, resources);
        register(tests, own, id, resources);
      }
    } catch (e) {
      throw draft07Hint(schema, options.dialect, e) ?? SchemaError.from(e, own);
    }
    const [full, quick] = [ajv, tests];
    validatorAt = (pointer) => full.getSchema(pointer === '' ? id : `${id}#${pointer}`);
    testAt = (pointer) => quick.getSchema(`${id}#${pointer}`);
  }
  let validator: ValidateFunction | undefined;
  try {
    validator = validatorAt('');
  } catch (e) {
    throw SchemaError.from(e, own);
  }
  if (!validator) throw new SchemaError('$id', '', `no validator for ${id}`);
  const ctx = options.context ?? EMPTY_CONTEXT;
  const generate = !options.precompiled && !options.interpret;
  const plan = planOf(() => new PlanBuilder(own, testAt as typeof validatorAt, generate ? (logic) => compileRuleToCode(logic, ctx) : compileRule).build(''));

  // Generated code where the platform allows it (the server); the plan walker under a strict CSP.
  const generated = generate ? generatePrepare(plan, ctx) : undefined;
  const prepare = generated
    ? (data: unknown, pending: PendingRule[] = []): unknown => generated(data, ctx, pending)
    : (data: unknown, pending: PendingRule[] = []): unknown => applyPlan(plan, data, ctx, '', pending);

  const validate = (data: unknown, opts?: { lang?: Lang }): ValidationResult<T> => {
    try {
      return check(data, opts);
    } catch (e) {
      // Data nested deeper than the call stack reaches (a recursive schema, equal items compared
      // deep down) is refused as such; anything else is a defect and surfaces.
      if (!(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
      return { ok: false, issues: [{ path: '', keyword: 'maxDepth', message: keywordMessage('maxDepth', {}, opts?.lang ?? 'da') }] };
    }
  };

  const check = (data: unknown, opts?: { lang?: Lang }): ValidationResult<T> => {
    const pending: PendingRule[] = [];
    const value = prepare(data, pending);
    const valid = validator(value);
    if (valid && pending.length === 0) return { ok: true, value: value as T };
    const lang = opts?.lang ?? 'da';
    const issues = valid ? [] : toIssues(validator.errors ?? [], lang, own);
    checkRules(pending, issues, ctx, lang);
    return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
  };

  return Object.freeze({
    id,
    name: options.name ?? id,
    title: options.title ?? (typeof own.title === 'string' ? own.title : id),
    schema: own,
    ui: deepFreeze(structuredClone(options.ui ?? {})),
    hash: options.hash ?? '',
    formats: options.formats ?? 'assert',
    prepare: (data: unknown) => prepare(data),
    validate,
    conditionAt: (pointer: string) => {
      let fn: ValidateFunction | undefined;
      try {
        fn = (testAt as typeof validatorAt)(pointer);
      } catch {
        // A pointer that names no schema (or one ajv cannot compile alone) has no answer.
        return undefined;
      }
      return fn ? (data: unknown) => fn(data) === true : undefined;
    },
  });
}
