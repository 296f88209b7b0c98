import type { ValidateFunction } from 'ajv';
import { atPointer, refPointer } from './local-ref.ts';
import { compileRule, type RuleFn } from './json-logic.ts';
import type { JsonSchema, LocalText } from './types.ts';

/** A computed property: evaluated in declaration order, so later ones may read earlier ones. */
export interface ComputedPlan {
  readonly key: string;
  readonly type: unknown;
  /** The JSON-Logic expression as written, for the code generator. */
  readonly logic: unknown;
  readonly fn: RuleFn;
}

/** A cross-field rule declared with `x-rules`. */
export interface RulePlan {
  readonly id: string;
  /** Relative JSON Pointer segments from the object in scope. */
  readonly path: readonly string[];
  /** The JSON-Logic expression as written, for the code generator. */
  readonly logic: unknown;
  readonly fn: RuleFn;
  readonly params: readonly (readonly [string, RuleFn])[];
  readonly message: LocalText;
}

/** What the engine does at one object schema besides what ajv checks. */
export interface ObjectPlan {
  readonly kind: 'object';
  readonly keys: readonly string[];
  readonly children: ReadonlyMap<string, Plan>;
  readonly computed: readonly ComputedPlan[];
  readonly conditionals: readonly ConditionalPlan[];
  readonly rules: readonly RulePlan[];
  readonly prune: boolean;
}

/** An `if`/`then`/`else` whose test is an ajv validator compiled at start-up. */
export interface ConditionalPlan {
  readonly test: ValidateFunction;
  /** The `if` subschema itself, which the code generator may turn into a few comparisons. */
  readonly schema: unknown;
  readonly then: ObjectPlan | null;
  readonly else: ObjectPlan | null;
}

export interface ArrayPlan {
  readonly kind: 'array';
  readonly items: Plan;
}

/**
 * A `$ref` back up the tree (a recursive schema): the plan of a subschema still being built when
 * the reference was met. `target` gives it once building is done.
 */
export interface RefPlan {
  readonly kind: 'ref';
  readonly pointer: string;
  target(): Plan;
}

/** `null` where a subtree needs nothing but ajv. */
export type Plan = ObjectPlan | ArrayPlan | RefPlan | null;

// Keywords that give the engine work at a schema.
const WORK = ['x-prune', 'x-compute', 'x-rules', 'if'];

const unescape = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Walks a schema once at compile time and records the work the engine does around ajv. */
export class PlanBuilder {
  private readonly building = new Set<string>();
  private readonly built = new Map<string, Plan>();
  private readonly working = new Map<string, boolean>();

  /**
   * @param root the root schema
   * @param validatorAt returns the compiled validator for a subschema's JSON Pointer ('' = root)
   * @param compile turns a JSON-Logic expression into a function (closures or generated code)
   */
  constructor(
    private readonly root: JsonSchema,
    private readonly validatorAt: (pointer: string) => ValidateFunction | undefined,
    private readonly compile: (logic: unknown, pointer: string) => RuleFn = compileRule,
  ) {}

  /** Builds the plan for the subschema at `pointer` of the root. */
  build(pointer: string): Plan {
    const known = this.built.get(pointer);
    if (known !== undefined) return known;
    const schema = atPointer(this.root, pointer);
    if (!schema || typeof schema !== 'object' || !this.hasWork(pointer)) return null;
    // A recursive schema ($ref back up the tree): the cycle becomes a reference to the plan being built.
    if (this.building.has(pointer)) {
      const built = this.built;
      return Object.freeze({ kind: 'ref', pointer, target: () => built.get(pointer) ?? null });
    }
    this.building.add(pointer);
    try {
      const plan = this.buildNode(schema as JsonSchema, pointer);
      this.built.set(pointer, plan);
      return plan;
    } finally {
      this.building.delete(pointer);
    }
  }

  /** Whether the engine has anything to do at or below a subschema, following what `build` follows. */
  private hasWork(pointer: string): boolean {
    const known = this.working.get(pointer);
    if (known !== undefined) return known;
    const seen = new Set<string>();
    const found = this.search(pointer, seen);
    // Nothing found: then nothing below any schema visited on the way has work either.
    if (!found) for (const p of seen) this.working.set(p, false);
    this.working.set(pointer, found);
    return found;
  }

  private search(pointer: string, seen: Set<string>): boolean {
    const known = this.working.get(pointer);
    if (known !== undefined) return known;
    if (seen.has(pointer)) return false;
    seen.add(pointer);
    const schema = atPointer(this.root, pointer);
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return false;
    const s = schema as JsonSchema;
    const next: string[] = [];
    for (const key of Object.keys((s.properties as object | undefined) ?? {})) next.push(`${pointer}/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) next.push(`${pointer}/items`);
    const ref = refPointer(s.$ref);
    if (ref !== undefined) next.push(ref);
    if (Array.isArray(s.allOf)) s.allOf.forEach((_, i) => next.push(`${pointer}/allOf/${i}`));
    for (const k of ['then', 'else']) if (k in s) next.push(`${pointer}/${k}`);
    const found = WORK.some((k) => k in s) || next.some((n) => this.search(n, seen));
    // Work found is work found; a `false` met inside a cycle may still turn out true elsewhere.
    if (found) this.working.set(pointer, true);
    return found;
  }

  private parts(schema: JsonSchema, pointer: string, seen: Set<string> = new Set()): { schema: JsonSchema; pointer: string }[] {
    // A `$ref` or `allOf` that leads back to a schema already merged here adds nothing new.
    if (seen.has(pointer)) return [];
    seen.add(pointer);
    const out = [{ schema, pointer }];
    const target = refPointer(schema.$ref);
    if (target !== undefined) {
      const resolved = atPointer(this.root, target);
      if (resolved && typeof resolved === 'object') out.push(...this.parts(resolved as JsonSchema, target, seen));
    }
    if (Array.isArray(schema.allOf)) {
      schema.allOf.forEach((s, i) => {
        if (s && typeof s === 'object') out.push(...this.parts(s as JsonSchema, `${pointer}/allOf/${i}`, seen));
      });
    }
    return out;
  }

  private buildNode(schema: JsonSchema, pointer: string): Plan {
    const parts = this.parts(schema, pointer);
    const items = parts.find((p) => p.schema.items && typeof p.schema.items === 'object' && !Array.isArray(p.schema.items));
    if (items) {
      const plan = this.build(`${items.pointer}/items`);
      return plan ? Object.freeze({ kind: 'array', items: plan }) : null;
    }
    const plan = this.buildObject(parts);
    const interesting =
      plan.prune || plan.computed.length > 0 || plan.rules.length > 0 || plan.conditionals.length > 0 || plan.children.size > 0;
    return interesting ? plan : null;
  }

  private buildObject(parts: { schema: JsonSchema; pointer: string }[]): ObjectPlan {
    const keys: string[] = [];
    const children = new Map<string, Plan>();
    const computed: ComputedPlan[] = [];
    const conditionals: ConditionalPlan[] = [];
    const rules: RulePlan[] = [];
    let prune = false;
    for (const { schema, pointer } of parts) {
      if (schema['x-prune'] === true) prune = true;
      const props = schema.properties as Record<string, JsonSchema> | undefined;
      for (const [key, sub] of Object.entries(props ?? {})) {
        if (!keys.includes(key)) keys.push(key);
        const esc = key.replace(/~/g, '~0').replace(/\//g, '~1');
        const child = this.build(`${pointer}/properties/${esc}`);
        if (child) children.set(key, child);
        if (sub && typeof sub === 'object' && 'x-compute' in sub) {
          computed.push({ key, type: sub.type, logic: sub['x-compute'], fn: compileRule(sub['x-compute'], `${pointer}/properties/${esc}/x-compute`) });
        }
      }
      if (schema.if && typeof schema.if === 'object') {
        const test = this.validatorAt(`${pointer}/if`);
        if (!test) throw new Error(`cannot compile ${pointer}/if`);
        const branch = (name: 'then' | 'else'): ObjectPlan | null =>
          schema[name] && typeof schema[name] === 'object'
            ? this.buildObject(this.parts(schema[name] as JsonSchema, `${pointer}/${name}`))
            : null;
        conditionals.push({ test, schema: schema.if, then: branch('then'), else: branch('else') });
      }
      const xRules = schema['x-rules'] as
        | { id: string; path: string; rule: unknown; params?: Record<string, unknown>; message: LocalText }[]
        | undefined;
      (xRules ?? []).forEach((r, i) => {
        rules.push({
          id: r.id,
          path: r.path.split('/').filter(Boolean).map(unescape),
          logic: r.rule,
          fn: this.compile(r.rule, `${pointer}/x-rules/${i}/rule`),
          params: Object.entries(r.params ?? {}).map(([k, v]) => [k, this.compile(v, `${pointer}/x-rules/${i}/params/${k}`)] as const),
          message: r.message,
        });
      });
    }
    return Object.freeze({ kind: 'object', keys, children, computed, conditionals, rules, prune });
  }
}
