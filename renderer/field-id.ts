/**
 * The DOM id rjsf gives the field at a JSON Pointer (`/units/0/name` → `root_units_0_name`), so
 * error summaries and server issues can link to the input.
 * @param pointer JSON Pointer into the answers
 * @returns the element id
 */
export function fieldId(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return ['root', ...parts].join('_');
}
