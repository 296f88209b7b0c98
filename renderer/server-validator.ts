import type { ValidatorType } from '@rjsf/utils';
import type { CompiledForm } from '../engine/index.ts';
import { createEngineValidator } from './create-engine-validator.ts';

const cache = new WeakMap<CompiledForm, ValidatorType>();

/**
 * The rjsf validator for rendering a form on the server: the engine's form for issues, and the
 * form's `if` conditions decided by the engine's own validators (same dialect, same relaxed options,
 * compiled once; the browser uses the precompiled twin). Cached per compiled form, so a request
 * never compiles.
 * @param form a form from the registry
 * @returns the validator
 */
export function serverValidator(form: CompiledForm): ValidatorType {
  let v = cache.get(form);
  if (!v) {
    v = createEngineValidator(form, (p) => form.conditionAt?.(p));
    cache.set(form, v);
  }
  return v;
}
