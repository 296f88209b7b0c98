/**
 * The edit the tests make to next year's report form, as an admin would in the editor: the contact
 * person's `navn` renamed to `fuldtNavn` (declared with `x-lineage`, so last year's answers follow)
 * and a new optional question `stilling` added, with the ui's order updated to match.
 */

/** The new question's title, as the form shows it. */
export const NEW_QUESTION_TITLE = 'Kontaktpersonens stilling';
/** The renamed field's title. */
export const RENAMED_TITLE = 'Fulde navn';

/**
 * Renames `kontakt/navn` to `kontakt/fuldtNavn` and adds `kontakt/stilling`.
 * @param schemaText maaltal.schema.json as text
 * @param options `requireNew` makes the new question required (a breaking change)
 * @returns the edited text
 */
export function editMaaltalSchema(schemaText: string, options: { requireNew?: boolean } = {}): string {
  const schema = JSON.parse(schemaText) as { properties: { kontakt: { required: string[]; properties: Record<string, unknown> } } };
  const kontakt = schema.properties.kontakt;
  const { navn, ...rest } = kontakt.properties;
  kontakt.properties = {
    fuldtNavn: { ...(navn as object), title: RENAMED_TITLE, 'x-lineage': { previous: '/kontakt/navn' } },
    ...rest,
    stilling: { type: 'string', title: NEW_QUESTION_TITLE, maxLength: 200 },
  };
  kontakt.required = kontakt.required.map((r) => (r === 'navn' ? 'fuldtNavn' : r));
  if (options.requireNew) kontakt.required.push('stilling');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * Updates the ui's order for the edited contact fields.
 * @param uiText maaltal.ui.json as text
 * @returns the edited text
 */
export function editMaaltalUi(uiText: string): string {
  const ui = JSON.parse(uiText) as { kontakt: { 'ui:order': string[] } };
  ui.kontakt['ui:order'] = ['fuldtNavn', 'stilling', 'email', 'telefon'];
  return `${JSON.stringify(ui, null, 2)}\n`;
}
