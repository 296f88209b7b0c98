import { atPointer, refPointer, type JsonSchema } from '../engine/index.ts';
import { jsonEqual } from '../engine/json-equality.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// `true` accepts anything, `false` nothing: both as objects, so callers read one shape.
const asSchema = (s: unknown): JsonSchema => (s === false ? { not: {} } : isObj(s) ? s : {});

/**
 * A schema object with everything that applies beside it unconditionally: the targets of its
 * local `$ref`s and its `allOf` members, recursively, each once.
 * @param schema a schema (object or boolean)
 * @param root the document local `$ref`s point into
 * @returns the parts, the schema itself first
 */
export function schemaParts(schema: unknown, root: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  const visit = (s: unknown): void => {
    const node = asSchema(s);
    if (out.includes(node)) return;
    out.push(node);
    const ref = refPointer(node.$ref);
    if (ref !== undefined) visit(atPointer(root, ref));
    if (Array.isArray(node.allOf)) for (const member of node.allOf) visit(member);
  };
  visit(schema);
  return out;
}

const IGNORED = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions', 'title', 'description', 'default', 'examples',
  'readOnly', 'writeOnly', 'deprecated', 'format', 'then', 'else', 'contentMediaType', 'contentEncoding',
]);

const length = (s: string): number => [...s].length;

/**
 * Whether a value matches a schema, for the keywords conditions are usually written with (`type`,
 * `const`, `enum`, `required`, `properties`, bounds, `not`, `allOf`/`anyOf`/`oneOf`, `if`). The
 * engine stays the judge: this only decides which branch of an `if` to fill in before asking it.
 * @param schema the condition
 * @param value the data (undefined for an absent property)
 * @param root the document local `$ref`s point into
 * @returns true or false, or undefined where a keyword is beyond it
 */
export function matches(schema: unknown, value: unknown, root: JsonSchema): boolean | undefined {
  if (schema === true) return true;
  if (schema === false) return false;
  if (!isObj(schema)) return undefined;
  let unknown = false;
  const and = (v: boolean | undefined): boolean => {
    if (v === undefined) unknown = true;
    return v === false;
  };
  for (const [k, v] of Object.entries(schema)) {
    if (IGNORED.has(k) || k.startsWith('x-')) continue;
    let failed = false;
    switch (k) {
      case '$ref': {
        const ref = refPointer(v);
        failed = and(ref === undefined ? undefined : matches(atPointer(root, ref), value, root));
        break;
      }
      case 'type': {
        const types = Array.isArray(v) ? (v as string[]) : [v as string];
        failed = !types.some((t) => typeMatches(t, value));
        break;
      }
      case 'const':
        failed = !jsonEqual(value, v);
        break;
      case 'enum':
        failed = !(v as unknown[]).some((e) => jsonEqual(value, e));
        break;
      case 'required':
        failed = isObj(value) && !(v as string[]).every((p) => p in value);
        break;
      case 'properties':
        if (isObj(value)) for (const [p, s] of Object.entries(v as object)) if (p in value && (failed = and(matches(s, value[p], root)))) break;
        break;
      case 'items':
        if (Array.isArray(value) && !Array.isArray(v)) for (const item of value) if ((failed = and(matches(v, item, root)))) break;
        if (Array.isArray(v)) unknown = true;
        break;
      case 'not': {
        const m = matches(v, value, root);
        failed = and(m === undefined ? undefined : !m);
        break;
      }
      case 'allOf':
        for (const s of v as unknown[]) if ((failed = and(matches(s, value, root)))) break;
        break;
      case 'anyOf':
      case 'oneOf': {
        const verdicts = (v as unknown[]).map((s) => matches(s, value, root));
        const yes = verdicts.filter((x) => x === true).length;
        if (verdicts.includes(undefined)) failed = and(k === 'anyOf' && yes > 0 ? true : yes > 1 ? false : undefined);
        else failed = k === 'anyOf' ? yes === 0 : yes !== 1;
        break;
      }
      case 'if': {
        const c = matches(v, value, root);
        const branch = c === undefined ? undefined : c ? schema.then : schema.else;
        failed = and(c === undefined ? undefined : branch === undefined ? true : matches(branch, value, root));
        break;
      }
      case 'minimum':
        failed = typeof value === 'number' && value < (v as number);
        break;
      case 'maximum':
        failed = typeof value === 'number' && value > (v as number);
        break;
      case 'exclusiveMinimum':
        failed = typeof value === 'number' && typeof v === 'number' && value <= v;
        break;
      case 'exclusiveMaximum':
        failed = typeof value === 'number' && typeof v === 'number' && value >= v;
        break;
      case 'minLength':
        failed = typeof value === 'string' && length(value) < (v as number);
        break;
      case 'maxLength':
        failed = typeof value === 'string' && length(value) > (v as number);
        break;
      case 'minItems':
        failed = Array.isArray(value) && value.length < (v as number);
        break;
      case 'maxItems':
        failed = Array.isArray(value) && value.length > (v as number);
        break;
      case 'pattern':
        failed = typeof value === 'string' && !new RegExp(v as string, 'u').test(value);
        break;
      default:
        unknown = true;
    }
    if (failed) return false;
  }
  return unknown ? undefined : true;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObj(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

/**
 * The parts that apply to a value: {@link schemaParts} of each schema, plus the branch of every
 * `if` the value decides (both where it cannot be decided), the `dependentSchemas` of the
 * properties it has and the `oneOf`/`anyOf` branches it does not rule out.
 * @param schemas the schemas that hold at the value
 * @param value the value (undefined when absent)
 * @param root the document
 * @returns the parts
 */
export function applicableParts(schemas: readonly unknown[], value: unknown, root: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (s: unknown): void => {
    for (const part of schemaParts(s, root)) {
      if (out.includes(part)) continue;
      out.push(part);
      if (part.if !== undefined) {
        const c = matches(part.if, value, root);
        if (c !== false && part.then !== undefined) add(part.then);
        if (c !== true && part.else !== undefined) add(part.else);
      }
      if (isObj(part.dependentSchemas) && isObj(value)) for (const [p, s] of Object.entries(part.dependentSchemas)) if (p in value) add(s);
      for (const k of ['oneOf', 'anyOf'] as const) {
        if (Array.isArray(part[k])) for (const s of part[k] as unknown[]) if (matches(s, value, root) !== false) add(s);
      }
    }
  };
  for (const s of schemas) add(s);
  return out;
}

/**
 * The schemas that hold at one step below a value: a property's or an item's, from every part.
 * @param parts the parts that apply to the parent
 * @param key the property name or item index
 * @param isArray whether the parent is an array
 * @returns the child's schemas (empty when no part names it)
 */
export function childSchemas(parts: readonly JsonSchema[], key: string, isArray: boolean): unknown[] {
  const out: unknown[] = [];
  for (const p of parts) {
    if (isArray) {
      const i = Number(key);
      const prefix = Array.isArray(p.prefixItems) ? p.prefixItems : Array.isArray(p.items) ? p.items : undefined;
      if (prefix && i < prefix.length) out.push(prefix[i]);
      else if (!Array.isArray(p.items) && p.items !== undefined) out.push(p.items);
    } else {
      const props = isObj(p.properties) ? p.properties : undefined;
      if (props && key in props) out.push(props[key]);
      else if (isObj(p.patternProperties)) {
        for (const [re, s] of Object.entries(p.patternProperties)) if (new RegExp(re, 'u').test(key)) out.push(s);
      }
    }
  }
  return out;
}

/** What holds at one place in a document. */
export interface SchemasAt {
  /** The schemas as written for the place (to generate a fresh value from). */
  readonly schemas: readonly unknown[];
  /** The parts that apply to the value there, conditions decided on it. */
  readonly parts: readonly JsonSchema[];
}

/**
 * The schemas at a JSON Pointer inside a document, conditions decided on the document (which
 * should be prepared, so computed values can decide them).
 * @param root the form's schema
 * @param doc the prepared document
 * @param pointer '' or `/a/0/b`
 * @returns the schemas and parts, or undefined where no schema names the path
 */
export function schemasAt(root: JsonSchema, doc: unknown, pointer: string): SchemasAt | undefined {
  let schemas: unknown[] = [root];
  let parts = applicableParts(schemas, doc, root);
  let value = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const child = isObj(value) || Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
    schemas = childSchemas(parts, key, Array.isArray(value));
    if (schemas.length === 0) return undefined;
    parts = applicableParts(schemas, child, root);
    value = child;
  }
  return { schemas, parts };
}
