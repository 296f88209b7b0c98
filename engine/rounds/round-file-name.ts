/** File names a round may hold: one level, JSON, CSV or Handlebars, no path separators. */
const FILE_NAME = /^[A-Za-z0-9æøåÆØÅ_-][A-Za-z0-9æøåÆØÅ._-]{0,99}\.(json|csv|hbs)$/;

/**
 * Whether a name is acceptable as a round file's name.
 * @param name e.g. `maaltal.schema.json`
 * @returns true when it is
 */
export function isFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}
