/**
 * Copies answers with `kommunekode` set to the respondent's own organisation, whatever was sent,
 * so nobody can file a report in another municipality's name.
 * @param answers the answers as sent (an object)
 * @param kommunekode the organisation's code
 * @returns a new object
 */
export function forceOrganisation(answers: Readonly<Record<string, unknown>>, kommunekode: string): Record<string, unknown> {
  return { ...answers, kommunekode };
}

/**
 * Whether a value is a plain JSON object (answers must be one).
 * @param v anything
 * @returns true for `{…}`
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
