/**
 * Stands in for `engine/create-ajv.ts` in the browser bundle: the browser only ever runs validators
 * compiled at build time, so ajv's code generator (which needs `unsafe-eval`) is never shipped.
 */
import type { Ajv } from 'ajv';

// The same rule as the server's (it names no ajv code).
export { dialectOf, type Dialect } from '../../engine/dialect-of.ts';

/** Never called in the browser: forms are compiled with `precompiled` validators. */
export function createAjv(): Ajv {
  throw new Error('ajv compiles no code in the browser');
}
