// Keywords that never change a verdict (the project's `x-` keywords included).
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated']);
const annotation = (k: string): boolean => ANNOTATIONS.has(k) || k.startsWith('x-');

// ajv's own type checks, for the types whose check has no option behind it.
const TYPES: Record<string, (x: string) => string> = {
  string: (x) => `typeof ${x} === "string"`,
  boolean: (x) => `typeof ${x} === "boolean"`,
  null: (x) => `${x} === null`,
  array: (x) => `Array.isArray(${x})`,
  object: (x) => `(${x} !== null && typeof ${x} === "object" && !Array.isArray(${x}))`,
};

const primitive = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function typeCheck(type: unknown, x: string): string | undefined {
  const types = Array.isArray(type) ? type : [type];
  const checks = types.map((t) => (typeof t === 'string' ? TYPES[t]?.(x) : undefined));
  return checks.length > 0 && checks.every((c) => c !== undefined) ? `(${checks.join(' || ')})` : undefined;
}

// A property's subschema: only const, enum and type, each a strict comparison as ajv makes it.
function valueTest(schema: unknown, x: string): string | undefined {
  if (schema === true) return 'true';
  if (schema === false) return 'false';
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'const' && primitive(v)) parts.push(`${x} === ${JSON.stringify(v)}`);
    else if (k === 'enum' && Array.isArray(v) && v.every(primitive)) parts.push(v.length ? `(${v.map((e) => `${x} === ${JSON.stringify(e)}`).join(' || ')})` : 'false');
    else if (k === 'type') {
      const check = typeCheck(v, x);
      if (!check) return undefined;
      parts.push(check);
    } else if (!annotation(k)) return undefined;
  }
  return parts.length ? parts.join(' && ') : 'true';
}

/**
 * JavaScript for the usual `if` of a form, `{ properties: { status: { const: 'x' } }, required: ['status'] }`,
 * so the prepare step decides it with a few comparisons instead of a call into ajv. Only `type`,
 * `required` and `properties` whose subschemas use `const`, `enum` (of plain values) and `type`
 * are inlined, each tested exactly as ajv tests it; anything else returns `undefined` and stays
 * with ajv.
 * @param schema the `if` subschema, applied to an object (never null, never an array)
 * @param read the expression for one property of the object, or `undefined` where the property
 *   cannot be read as a plain variable
 * @returns a boolean JavaScript expression, or `undefined`
 */
export function inlineTest(schema: unknown, read: (key: string) => string | undefined): string | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type') {
      // The value is an object; the test passes when the type admits one.
      const types = Array.isArray(v) ? v : [v];
      if (!types.every((t) => typeof t === 'string' && t in TYPES)) return undefined;
      if (!types.includes('object')) parts.push('false');
    } else if (k === 'required') {
      if (!Array.isArray(v) || !v.every((key) => typeof key === 'string')) return undefined;
      for (const key of v as string[]) {
        const x = read(key);
        if (x === undefined) return undefined;
        parts.push(`${x} !== undefined`);
      }
    } else if (k === 'properties') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      for (const [key, sub] of Object.entries(v)) {
        const x = read(key);
        const test = x === undefined ? undefined : valueTest(sub, x);
        if (test === undefined) return undefined;
        if (test !== 'true') parts.push(`(${x} === undefined || ${test})`);
      }
    } else if (!annotation(k)) return undefined;
  }
  return parts.length ? `(${parts.join(' && ')})` : 'true';
}
