import type { JsonSchema, Lang, Round, RuleContext } from '../engine/index.ts';
import type { FormAppData } from './FormApp.tsx';
import type { FormPageData } from './form-page-data.ts';
import { localizeSchema } from './localize-schema.ts';

/** What every step of every form of a round shares: sent once per round version, cached for good. */
export interface RoundPageData {
  /** `$round` and `$tables` for the forms' rules. */
  readonly context: RuleContext;
  /** Each form's schema as its pages show it, by form name and language. */
  readonly schemas: Readonly<Record<string, Readonly<Record<Lang, JsonSchema>>>>;
}

/** A step's page data as the page carries it: without what the round's shared data holds. */
export type SentPageData = Omit<FormPageData, 'context' | 'app'> & {
  readonly app: Omit<FormAppData, 'schema'>;
  /** Where the browser fetches the {@link RoundPageData}. */
  readonly roundDataUrl: string;
};

/**
 * The part of a form page's data that is the same on every step and for every respondent.
 * @param round the round
 * @returns its shared page data
 */
export function roundPageData(round: Round): RoundPageData {
  const schemas: Record<string, Record<Lang, JsonSchema>> = {};
  for (const form of round.forms.values()) {
    const schema = form.schema as JsonSchema;
    schemas[form.name] = { da: localizeSchema(schema, 'da'), en: localizeSchema(schema, 'en') };
  }
  return { context: { $round: round.settings, $tables: round.tables }, schemas };
}

/**
 * A step's page data without the round's shared part, which the browser fetches (cached) from
 * `roundDataUrl`: the page then carries only what belongs to this step and this respondent.
 * @param data the step's full page data
 * @param roundDataUrl where the shared part is served
 * @returns what the page carries
 */
export function sentPageData(data: FormPageData, roundDataUrl: string): SentPageData {
  const { context: _context, app, ...rest } = data;
  const { schema: _schema, ...step } = app;
  return { ...rest, app: step, roundDataUrl };
}

/**
 * Joins a page's data with its round's shared data again, in the browser.
 * @param sent what the page carried
 * @param shared the round's shared data
 * @returns the full page data, as the server rendered the page from
 */
export function joinPageData(sent: SentPageData, shared: RoundPageData): FormPageData {
  const schema = shared.schemas[sent.formName]?.[sent.app.lang] ?? {};
  return { ...sent, context: shared.context, app: { ...sent.app, schema } };
}
