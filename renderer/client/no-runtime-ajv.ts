/**
 * Stands in for `engine/create-ajv.ts` in the browser bundle: the browser only ever runs validators
 * compiled at build time, so ajv's code generator (which needs `unsafe-eval`) is never shipped.
 */
import type { Ajv } from 'ajv';

/** Which JSON Schema dialect a schema declares (same rule as the engine's). */
export type Dialect = '2020-12' | 'draft-07';

/** Never called in the browser: forms are compiled with `precompiled` validators. */
export function createAjv(): Ajv {
  throw new Error('ajv compiles no code in the browser');
}

/**
 * Reads the dialect from `$schema`; 2020-12 when absent.
 * @param schema any JSON Schema
 * @returns the dialect
 */
export function dialectOf(schema: { $schema?: unknown }): Dialect {
  const s = typeof schema.$schema === 'string' ? schema.$schema : '';
  return /draft-0[4-7]/.test(s) ? 'draft-07' : '2020-12';
}
