import type { ValidatorType } from '@rjsf/utils';
import { createAjv, dialectOf, type CompiledForm, type JsonSchema } from '../engine/index.ts';
import { createEngineValidator, type CheckFn } from './create-engine-validator.ts';

const cache = new WeakMap<CompiledForm, ValidatorType>();

/**
 * The rjsf validator for rendering a form on the server: the engine's form for issues, and the
 * form's `if` conditions compiled once into an ajv instance of its own (the server runs no CSP, the
 * browser uses the precompiled twin). Cached per compiled form, so a request never compiles.
 * @param form a form from the registry
 * @returns the validator
 */
export function serverValidator(form: CompiledForm): ValidatorType {
  let v = cache.get(form);
  if (!v) {
    const ajv = createAjv(dialectOf(form.schema as JsonSchema));
    ajv.addSchema(structuredClone(form.schema) as JsonSchema);
    const at = (p: string): CheckFn | undefined => {
      const fn = ajv.getSchema(p === '' ? form.id : `${form.id}#${p}`);
      return fn ? (data) => fn(data) === true : undefined;
    };
    v = createEngineValidator(form, at);
    cache.set(form, v);
  }
  return v;
}
