import type { FormInfo, Round } from '../compile-round.ts';
import type { Registry } from '../registry.ts';
import type { CompiledForm } from '../types.ts';

/** A form with its round and its listing (title, deadline key). */
export interface FoundForm {
  readonly round: Round;
  readonly form: CompiledForm;
  readonly info: FormInfo;
}

/**
 * Looks a form up by round and name.
 * @param registry the loaded rounds
 * @param roundId e.g. `2024`
 * @param formName the form's name in round.json
 * @returns the form, or undefined when either is unknown
 */
export function findForm(registry: Registry, roundId: string, formName: string): FoundForm | undefined {
  const round = registry.round(roundId);
  const form = round?.forms.get(formName);
  const info = round?.formList.find((f) => f.name === formName);
  return round && form && info ? { round, form, info } : undefined;
}
