/** A JSON value as parsed from a request body or a file. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON Schema document or subschema, kept loose: the engine accepts any draft-07 or 2020-12 schema. */
export type JsonSchema = { [keyword: string]: unknown };

/** The languages user-facing text is offered in; Danish is the default. */
export type Lang = 'da' | 'en';

/** Text in Danish with an optional English version, as written in schema `x-` keywords. */
export interface LocalText {
  readonly da: string;
  readonly en?: string;
}

/** One problem found in submitted data. */
export interface Issue {
  /** JSON Pointer to the offending value (the missing property for `required`). */
  readonly path: string;
  /** The JSON Schema keyword, or `x-rules:<id>` for a rule declared in the schema. */
  readonly keyword: string;
  /** Human text in the requested language (Danish by default). */
  readonly message: string;
}

/** Validation never throws for bad data: it returns one of these. */
export type ValidationResult<T = unknown> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Options for a single validation call. */
export interface ValidateOptions {
  readonly lang?: Lang;
}

/** Values every rule can read besides the data in scope: `$round` (round settings) and `$tables`. */
export interface RuleContext {
  readonly $round: Readonly<Record<string, unknown>>;
  readonly $tables: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
}

/** Whether `format` decides validity (`assert`) or only describes the value (`annotate`). */
export type FormatMode = 'assert' | 'annotate';

/** A form compiled once: frozen schema, rules turned into functions, one validator. */
export interface CompiledForm<T = unknown> {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  /** The schema as served to clients: `x-options` expanded, frozen. */
  readonly schema: Readonly<JsonSchema>;
  readonly ui: Readonly<JsonSchema>;
  /** SHA-256 of the canonical schema and ui JSON, which stored submissions record. */
  readonly hash: string;
  /**
   * How its validators read `format` (absent: `assert`); the browser's precompiled validators are
   * generated the same way.
   */
  readonly formats?: FormatMode;
  /** Computes derived values and drops answers in sections that do not apply, without validating. */
  prepare(data: unknown): unknown;
  validate(data: unknown, options?: ValidateOptions): ValidationResult<T>;
  /**
   * Whether data meets the subschema at a JSON Pointer of `schema` (an `if`, a `oneOf` option),
   * decided by the validators the form itself uses; `undefined` where none can be had.
   */
  conditionAt?(pointer: string): ((data: unknown) => boolean) | undefined;
}
