import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv, type KeywordDefinition, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createRequire } from 'node:module';
import { AJV_OPTIONS } from './ajv-options.ts';
import { exactMultipleOf } from './exact-multiple-of.ts';
import { fastStringLength } from './fast-string-length.ts';
import { jsonEquality } from './json-equality.ts';
import type { Dialect } from './dialect-of.ts';
import { ANCHOR, X_VOCABULARY } from './vocabulary.ts';

// Read through require: the compiled service keeps node_modules external, and a JSON import
// from a package loses its import attribute in that bundle.
const draft06MetaSchema = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;

// ajv-formats is published as CommonJS with a `default` property.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

export { dialectOf, type Dialect } from './dialect-of.ts';

let keywordDefs: readonly [readonly KeywordDefinition[], KeywordDefinition] | undefined;

/**
 * The vocabulary with each keyword's meta-schema compiled once for the process. ajv compiles a
 * keyword's `metaSchema` in every instance it is added to; with some twenty keywords and several
 * instances that was a fifth of start-up. A compiled check is a pure function, so instances share it
 * and report a malformed value exactly as before.
 * @returns the `x-` keywords and `$anchor`, ready to add
 */
function compiledKeywords(): readonly [readonly KeywordDefinition[], KeywordDefinition] {
  if (!keywordDefs) {
    const compiler = new Ajv2020({ ...AJV_OPTIONS, validateSchema: false });
    const compiled = (def: KeywordDefinition): KeywordDefinition => {
      if (def.metaSchema === undefined) return def;
      const { metaSchema, ...rest } = def;
      // Compiled as a meta-schema (the second argument), as ajv's own addKeyword does.
      return Object.freeze({ ...rest, validateSchema: compiler.compile(metaSchema, true) });
    };
    keywordDefs = [Object.freeze(X_VOCABULARY.map(compiled)), compiled(ANCHOR)];
  }
  return keywordDefs;
}

/**
 * Options for schemas written elsewhere: none of the checks that reject valid JSON Schema (a
 * `required` property declared only in a sibling branch, untyped keywords, open tuples, a keyword
 * or format this instance does not know, which the standard treats as an annotation). The
 * project's own `x-` keywords are still checked against their meta-schemas. Rounds are always
 * compiled fully strict, so a misspelt keyword there fails the lint.
 */
const FOREIGN = { strictTypes: false, strictTuples: false, strictRequired: false, strictSchema: false, logger: false } as const;

/**
 * Creates the engine's ajv instance: the shared options, formats and the project's `x-` vocabulary,
 * with `minLength`/`maxLength` that count characters only when in doubt (`fastStringLength`),
 * `const`/`enum`/`uniqueItems` that compare as JSON (`jsonEquality`) and a `multipleOf` decided
 * exactly on decimals (`exactMultipleOf`).
 * @param dialect the JSON Schema dialect the instance validates
 * @param foreign relax the strict checks that reject some valid schemas (for `compileForm` on any schema)
 * @param overrides options that differ for a special-purpose instance
 * @returns a fresh instance; callers keep one per dialect for the life of the process
 */
export function createAjv(dialect: Dialect = '2020-12', foreign = false, overrides: Options = {}): Ajv {
  return exactMultipleOf(jsonEquality(fastStringLength(createStandardAjv(dialect, foreign, overrides))));
}

/**
 * The same instance with ajv's own keyword implementations: the baseline benchmarks and tests
 * compare the engine's instance with.
 * @param dialect the JSON Schema dialect the instance validates
 * @param foreign relax the strict checks that reject some valid schemas
 * @param overrides options that differ for a special-purpose instance
 * @returns a fresh instance
 */
export function createStandardAjv(dialect: Dialect = '2020-12', foreign = false, overrides: Options = {}): Ajv {
  const options = { ...AJV_OPTIONS, ...(foreign ? FOREIGN : {}), ...overrides };
  const ajv = dialect === '2020-12' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv as Ajv);
  const [vocabulary, anchor] = compiledKeywords();
  for (const def of vocabulary) ajv.addKeyword({ ...def });
  if (dialect === '2020-12') ajv.addKeyword({ ...anchor });
  // draft-06 is draft-07 without `if`/`then`/`else` and `$comment`: the same instance decides it.
  else ajv.addMetaSchema(structuredClone(draft06MetaSchema));
  return ajv;
}
