import { respondentKeyField } from '../respondents-of.ts';
import type { JsonSchema } from '../types.ts';
import { fail, type Failure } from './failure.ts';

// Long enough to recognise a code in the message, short enough that a pasted document does not become the message.
const MAX_NAMED_LENGTH = 40;

/**
 * Copies answers with the organisation's code in the form's respondent-key field (the top-level
 * field marked `x-respondent-key`), whatever was there; a form without one gets nothing written.
 * Answers a respondent sends go through `bindRespondent`, which refuses another respondent's code
 * first; this is for answers the store already holds for the organisation.
 * @param answers the answers (an object)
 * @param code the organisation's code (the key of the round's respondent table)
 * @param schema the form's schema
 * @returns a new object
 */
export function forceOrganisation(answers: Readonly<Record<string, unknown>>, code: string, schema: Readonly<JsonSchema>): Record<string, unknown> {
  const field = respondentKeyField(schema);
  return field === undefined ? { ...answers } : { ...answers, [field]: code };
}

/**
 * Ties answers as sent to the logged-in organisation: an empty or missing respondent-key field is
 * filled with its code, and answers naming another respondent there are refused rather than
 * silently rewritten, so a respondent never files (or keeps a draft) in another's name unnoticed.
 * @param answers the answers as sent (an object)
 * @param code the logged-in organisation's code
 * @param schema the form's schema
 * @returns the answers with the code written in, or RESPONDENT_MISMATCH
 */
export function bindRespondent(
  answers: Readonly<Record<string, unknown>>,
  code: string,
  schema: Readonly<JsonSchema>,
): { readonly ok: true; readonly answers: Record<string, unknown> } | Failure {
  const field = respondentKeyField(schema);
  if (field !== undefined && Object.hasOwn(answers, field)) {
    const named = answers[field];
    if (!isEmpty(named) && named !== code) {
      return fail('RESPONDENT_MISMATCH', { field, named: shorten(typeof named === 'string' ? named : JSON.stringify(named)), own: code });
    }
  }
  return { ok: true, answers: forceOrganisation(answers, code, schema) };
}

// "Not filled in": what a form page sends before the key is shown, not a claim to be anyone.
function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function shorten(s: string): string {
  return s.length > MAX_NAMED_LENGTH ? `${s.slice(0, MAX_NAMED_LENGTH)}…` : s;
}

/**
 * Whether a value is a plain JSON object (answers must be one).
 * @param v anything
 * @returns true for `{…}`
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
