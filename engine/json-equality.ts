import type { Ajv, KeywordCxt } from 'ajv';
import dataTypeModule from 'ajv/dist/compile/validate/dataType.js';
import { _, _Code, str, type Code } from './ajv-codegen.ts';

const { checkDataTypes, getSchemaTypes, DataType } = ((dataTypeModule as unknown as { default?: typeof dataTypeModule }).default ??
  dataTypeModule) as typeof import('ajv/dist/compile/validate/dataType.js');

/**
 * Equality of two JSON values as JSON Schema defines it for `const`, `enum` and `uniqueItems`:
 * same type, same numbers and strings, arrays item by item, objects key by key whatever the keys
 * are called. Kept free of outer names: its source is copied into validators compiled ahead of
 * time for the browser.
 * @param a a JSON value
 * @param b a JSON value
 * @returns whether they are equal
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrays = Array.isArray(a);
  if (arrays !== Array.isArray(b)) return false;
  if (arrays) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

// The function's own source, made once, for validators compiled ahead of time.
const JSON_EQUAL_SOURCE = new _Code(`(${jsonEqual.toString()})`);

const installed = new WeakSet<Ajv>();

/**
 * Replaces ajv's `const`, `enum` and `uniqueItems` with the same checks over {@link jsonEqual}.
 * ajv compares with a general-purpose deep equality that calls an object's own `valueOf` or
 * `toString` and compares `constructor`s, so data such as `{"valueOf": ""}` made validation throw
 * and `{"constructor": {}}` twice counted as different; its scalar index also missed a repeated
 * `"__proto__"`. Error keywords, params, messages and their order stay exactly ajv's.
 * @param ajv an instance with ajv's standard keywords
 * @returns the same instance
 */
export function jsonEquality(ajv: Ajv): Ajv {
  if (installed.has(ajv)) return ajv;
  installed.add(ajv);
  // Validators compiled ahead of time carry the function's source; no import is needed.
  const func = (cxt: KeywordCxt): Code => cxt.gen.scopeValue('func', { ref: jsonEqual, code: JSON_EQUAL_SOURCE }) as unknown as Code;

  ajv.removeKeyword('const');
  ajv.addKeyword({
    keyword: 'const',
    // Where ajv keeps each of the three, so errors come in the same order.
    before: 'enum',
    $data: true,
    error: { message: 'must be equal to constant', params: ({ schemaCode }) => _`{allowedValue: ${schemaCode}}` },
    code(cxt: KeywordCxt) {
      const { data, $data, schemaCode, schema } = cxt;
      if ($data || (schema && typeof schema == 'object')) cxt.fail$data(_`!${func(cxt)}(${data}, ${schemaCode})`);
      else cxt.fail(_`${schema} !== ${data}`);
    },
  });

  ajv.removeKeyword('enum');
  ajv.addKeyword({
    keyword: 'enum',
    before: 'not',
    schemaType: 'array',
    $data: true,
    error: { message: 'must be equal to one of the allowed values', params: ({ schemaCode }) => _`{allowedValues: ${schemaCode}}` },
    code(cxt: KeywordCxt) {
      const { gen, data, $data, schema, schemaCode, it } = cxt;
      // An empty enum admits nothing (the standard's reading); ajv refused to compile it.
      if (!$data && schema.length === 0) {
        cxt.fail(_`true`);
        return;
      }
      const useLoop = schema.length >= (it.opts.loopEnum ?? Infinity);
      let eql: Code | undefined;
      const getEql = (): Code => (eql ??= func(cxt));
      if (useLoop || $data) {
        const valid = gen.let('valid');
        cxt.block$data(valid, () => {
          gen.assign(valid, false);
          gen.forOf('v', schemaCode as Code, (v) => gen.if(_`${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        });
        cxt.pass(valid);
        return;
      }
      const vSchema = gen.const('vSchema', schemaCode);
      const alternatives = (schema as unknown[]).map((sch, i) =>
        typeof sch === 'object' && sch !== null ? _`${getEql()}(${data}, ${vSchema}[${i}])` : _`${data} === ${sch as string}`,
      );
      cxt.pass(alternatives.reduce((all, one) => _`${all} || ${one}`));
    },
  });

  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({
    keyword: 'uniqueItems',
    // Last among the array keywords in draft-07.
    ...(ajv.getKeyword('maxContains') ? { before: 'maxContains' } : {}),
    type: 'array',
    schemaType: 'boolean',
    $data: true,
    error: {
      message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
      if (!$data && !schema) return;
      const valid = gen.let('valid');
      const itemTypes = parentSchema.items ? getSchemaTypes(parentSchema.items) : [];
      cxt.block$data(
        valid,
        () => {
          const i = gen.let('i', _`${data}.length`);
          const j = gen.let('j');
          cxt.setParams({ i, j });
          gen.assign(valid, true);
          gen.if(_`${i} > 1`, () => {
            if (itemTypes.length > 0 && !itemTypes.some((t) => t === 'object' || t === 'array')) {
              // Scalars of the declared types, indexed by value as ajv does, in a Map: an object used
              // as the index has keys of its own (`__proto__`).
              const item = gen.name('item');
              const wrongType = checkDataTypes(itemTypes, item, it.opts.strictNumbers, DataType.Wrong);
              const indices = gen.const('indices', _`new Map()`);
              gen.for(_`;${i}--;`, () => {
                gen.let(item, _`${data}[${i}]`);
                gen.if(wrongType, _`continue`);
                if (itemTypes.length > 1) gen.if(_`typeof ${item} == "string"`, _`${item} += "_"`);
                gen
                  .if(_`${indices}.has(${item})`, () => {
                    gen.assign(j, _`${indices}.get(${item})`);
                    cxt.error();
                    gen.assign(valid, false).break();
                  })
                  .code(_`${indices}.set(${item}, ${i})`);
              });
            } else {
              const eql = func(cxt);
              const outer = gen.name('outer');
              gen.label(outer).for(_`;${i}--;`, () =>
                gen.for(_`${j} = ${i}; ${j}--;`, () =>
                  gen.if(_`${eql}(${data}[${i}], ${data}[${j}])`, () => {
                    cxt.error();
                    gen.assign(valid, false).break(outer);
                  }),
                ),
              );
            }
          });
        },
        _`${schemaCode} === false`,
      );
      cxt.ok(valid);
    },
  });
  return ajv;
}
