import type { RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from '@rjsf/utils';
import type { CompiledForm, JsonSchema } from '../engine/index.ts';
import { issuesToErrorSchema } from './issues-to-error-schema.ts';
import { matchesSchema } from './matches-schema.ts';

/** A validator compiled ahead of time: returns true when data is valid. */
export type CheckFn = (data: unknown) => boolean;

/** Pointers (`/…/if`) of every `if` subschema, keyed by its JSON text. */
function conditionPointers(schema: JsonSchema): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, `${pointer}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (k === 'if' && v && typeof v === 'object' && !Array.isArray(v)) out.set(JSON.stringify(v), p);
        if (k !== 'const' && k !== 'enum' && k !== 'default' && !k.startsWith('x-')) visit(v, p);
      }
    }
  };
  visit(schema, '');
  return out;
}

/**
 * rjsf's validator interface on top of the engine: the field errors are the engine's issues, and the
 * if/then/else branches rjsf resolves are decided by the same compiled validators the engine uses,
 * looked up by pointer, so nothing is compiled at run time (no `unsafe-eval`).
 * @param form the compiled form (server) or its browser twin built from precompiled validators
 * @param validatorAt the compiled validator at a JSON Pointer of the form's schema
 * @returns an rjsf `ValidatorType`
 */
export function createEngineValidator(
  form: Pick<CompiledForm, 'schema' | 'validate'>,
  validatorAt: (pointer: string) => CheckFn | undefined,
): ValidatorType {
  const pointers = conditionPointers(form.schema as JsonSchema);
  const byObject = new WeakMap<object, CheckFn | null>();
  const lookup = (schema: RJSFSchema): CheckFn | null => {
    let fn = byObject.get(schema);
    if (fn === undefined) {
      const p = pointers.get(JSON.stringify(schema));
      fn = (p !== undefined ? validatorAt(p) : undefined) ?? null;
      byObject.set(schema, fn);
    }
    return fn;
  };
  return {
    validateFormData(formData: unknown): ValidationData<unknown> {
      const result = form.validate(formData);
      if (result.ok) return { errors: [], errorSchema: {} };
      const errors: RJSFValidationError[] = result.issues.map((i) => ({
        name: i.keyword,
        message: i.message,
        property: i.path.replace(/\//g, '.'),
        stack: i.message,
      }));
      return { errors, errorSchema: issuesToErrorSchema(result.issues) };
    },
    isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
      // A boolean schema (an option that is just `true` or `false`) decides itself.
      if (typeof schema === 'boolean') return schema;
      const fn = lookup(schema);
      // Conditions come from the precompiled set; anything else rjsf asks (which option of a
      // `oneOf` the data resembles) only steers the display and is answered structurally.
      return fn ? fn(formData ?? {}) === true : matchesSchema(schema as JsonSchema, formData, rootSchema as JsonSchema);
    },
    rawValidation() {
      return { errors: [], validationError: undefined };
    },
  } as ValidatorType;
}
