import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AJV_OPTIONS } from './ajv-options.ts';
import { X_VOCABULARY } from './vocabulary.ts';

// ajv-formats is published as CommonJS with a `default` property.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** Which JSON Schema dialect a schema declares; draft-07 and 2020-12 cannot share an ajv instance. */
export type Dialect = '2020-12' | 'draft-07';

/**
 * Creates an ajv instance with the shared options, formats and the project's `x-` vocabulary.
 * @param dialect the JSON Schema dialect the instance validates
 * @returns a fresh instance; callers keep one per dialect for the life of the process
 */
export function createAjv(dialect: Dialect = '2020-12'): Ajv {
  const ajv = dialect === '2020-12' ? new Ajv2020({ ...AJV_OPTIONS }) : new Ajv({ ...AJV_OPTIONS });
  addFormats(ajv as Ajv);
  for (const def of X_VOCABULARY) ajv.addKeyword({ ...def });
  return ajv;
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
