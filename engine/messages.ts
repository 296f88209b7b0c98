import type { Lang } from './types.ts';

/** Parameters a message template may use. */
export type MessageParams = Readonly<Record<string, unknown>>;

type Template = (p: MessageParams) => string;

const n = (v: unknown, lang: Lang): string =>
  typeof v === 'number' && !Number.isInteger(v) && lang === 'da' ? String(v).replace('.', ',') : String(v);

const label = (p: MessageParams, da: boolean): string =>
  typeof p.title === 'string' ? `«${p.title}»` : da ? 'Feltet' : 'The field';

const FORMAT_DA: Record<string, string> = {
  email: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
  date: 'Skriv en gyldig dato (ÅÅÅÅ-MM-DD).',
  'date-time': 'Skriv et gyldigt tidspunkt.',
  uri: 'Skriv en gyldig webadresse.',
};
const FORMAT_EN: Record<string, string> = {
  email: 'Enter a valid e-mail address, e.g. name@example.org.',
  date: 'Enter a valid date (YYYY-MM-DD).',
  'date-time': 'Enter a valid date and time.',
  uri: 'Enter a valid web address.',
};
const TYPE_DA: Record<string, string> = {
  integer: 'Skal være et helt tal.',
  number: 'Skal være et tal.',
  string: 'Skal være tekst.',
  boolean: 'Vælg ja eller nej.',
  object: 'Har en forkert form: forventede en gruppe af felter.',
  array: 'Har en forkert form: forventede en liste.',
  null: 'Skal være tom.',
};
const TYPE_EN: Record<string, string> = {
  integer: 'Must be a whole number.',
  number: 'Must be a number.',
  string: 'Must be text.',
  boolean: 'Choose yes or no.',
  object: 'Has the wrong shape: expected a group of fields.',
  array: 'Has the wrong shape: expected a list.',
  null: 'Must be empty.',
};
const typeText = (table: Record<string, string>, t: unknown): string | undefined =>
  table[String(Array.isArray(t) ? t[0] : t)];

/** Generic messages per JSON Schema keyword; ajv has no Danish, so these are the project's own. */
const MESSAGES: Record<Lang, Record<string, Template>> = {
  da: {
    required: (p) => `${label(p, true)} skal udfyldes.`,
    type: (p) => typeText(TYPE_DA, p.type) ?? 'Har en forkert type.',
    minimum: (p) => `Skal være mindst ${n(p.limit, 'da')}.`,
    maximum: (p) => `Må højst være ${n(p.limit, 'da')}.`,
    exclusiveMinimum: (p) => `Skal være større end ${n(p.limit, 'da')}.`,
    exclusiveMaximum: (p) => `Skal være mindre end ${n(p.limit, 'da')}.`,
    multipleOf: (p) => (p.multipleOf === 0.1 ? 'Må højst have én decimal.' : `Skal gå op i ${n(p.multipleOf, 'da')}.`),
    minLength: (p) => (p.limit === 1 ? 'Skal udfyldes.' : `Skal være mindst ${n(p.limit, 'da')} tegn.`),
    maxLength: (p) => `Må højst være ${n(p.limit, 'da')} tegn.`,
    pattern: () => 'Har ikke det rigtige format.',
    format: (p) => FORMAT_DA[String(p.format)] ?? `Har ikke det rigtige format (${String(p.format)}).`,
    enum: () => 'Vælg en af de mulige værdier.',
    const: () => 'Vælg en af de mulige værdier.',
    // A list of choices (every option a `const`) keeps the plain wording; other options are described.
    oneOf: (p) =>
      p.choices === true
        ? 'Vælg en af de mulige værdier.'
        : Array.isArray(p.passingSchemas)
          ? `${label(p, true)} passer til flere af mulighederne; det skal passe til præcis én.`
          : `${label(p, true)} passer ikke til nogen af mulighederne.`,
    anyOf: () => 'Værdien passer ikke til nogen af de tilladte muligheder.',
    propertyNames: (p) => `Navnet «${String(p.propertyName)}» er ikke tilladt her.`,
    dependencies: (p) => `${label(p, true)} skal udfyldes, når «${String(p.propertyTitle ?? p.property)}» er udfyldt.`,
    not: () => 'Værdien er ikke tilladt.',
    minItems: (p) => `Der skal være mindst ${n(p.limit, 'da')}.`,
    maxItems: (p) => `Der må højst være ${n(p.limit, 'da')}.`,
    uniqueItems: () => 'Må ikke indeholde den samme værdi flere gange.',
    additionalProperties: () => 'Feltet er ukendt.',
    unevaluatedProperties: () => 'Feltet er ukendt.',
    dependentRequired: (p) => `${label(p, true)} skal udfyldes, når «${String(p.propertyTitle ?? p.property)}» er udfyldt.`,
    minProperties: (p) => `Der skal være mindst ${n(p.limit, 'da')} felter.`,
    maxProperties: (p) => `Der må højst være ${n(p.limit, 'da')} felter.`,
    maxDepth: () => 'Svaret er for dybt indlejret til at kunne kontrolleres.',
    '*': () => 'Værdien er ikke gyldig.',
  },
  en: {
    required: (p) => `${label(p, false)} is required.`,
    type: (p) => typeText(TYPE_EN, p.type) ?? 'Has the wrong type.',
    minimum: (p) => `Must be at least ${n(p.limit, 'en')}.`,
    maximum: (p) => `Must be at most ${n(p.limit, 'en')}.`,
    exclusiveMinimum: (p) => `Must be greater than ${n(p.limit, 'en')}.`,
    exclusiveMaximum: (p) => `Must be less than ${n(p.limit, 'en')}.`,
    multipleOf: (p) => (p.multipleOf === 0.1 ? 'At most one decimal is allowed.' : `Must be a multiple of ${n(p.multipleOf, 'en')}.`),
    minLength: (p) => (p.limit === 1 ? 'Is required.' : `Must be at least ${n(p.limit, 'en')} characters.`),
    maxLength: (p) => `Must be at most ${n(p.limit, 'en')} characters.`,
    pattern: () => 'Is not in the right format.',
    format: (p) => FORMAT_EN[String(p.format)] ?? `Is not in the right format (${String(p.format)}).`,
    enum: () => 'Choose one of the possible values.',
    const: () => 'Choose one of the possible values.',
    oneOf: (p) =>
      p.choices === true
        ? 'Choose one of the possible values.'
        : Array.isArray(p.passingSchemas)
          ? `${label(p, false)} matches more than one of the options; it must match exactly one.`
          : `${label(p, false)} matches none of the options.`,
    anyOf: () => 'Does not match any of the allowed options.',
    propertyNames: (p) => `The name «${String(p.propertyName)}» is not allowed here.`,
    dependencies: (p) => `${label(p, false)} is required when «${String(p.propertyTitle ?? p.property)}» is filled in.`,
    not: () => 'The value is not allowed.',
    minItems: (p) => `There must be at least ${n(p.limit, 'en')}.`,
    maxItems: (p) => `There may be at most ${n(p.limit, 'en')}.`,
    uniqueItems: () => 'Must not contain the same value twice.',
    additionalProperties: () => 'The field is unknown.',
    unevaluatedProperties: () => 'The field is unknown.',
    dependentRequired: (p) => `${label(p, false)} is required when «${String(p.propertyTitle ?? p.property)}» is filled in.`,
    minProperties: (p) => `There must be at least ${n(p.limit, 'en')} fields.`,
    maxProperties: (p) => `There may be at most ${n(p.limit, 'en')} fields.`,
    maxDepth: () => 'The answer is nested too deeply to be checked.',
    '*': () => 'The value is not valid.',
  },
};

/**
 * The generic message for a keyword.
 * @param keyword the JSON Schema keyword that failed
 * @param params ajv's error params plus an optional `title`
 * @param lang the language
 * @returns the message text
 */
export function keywordMessage(keyword: string, params: MessageParams, lang: Lang): string {
  const table = MESSAGES[lang];
  return (table[keyword] ?? (table['*'] as Template))(params);
}

/**
 * Fills `{name}` placeholders in a schema-declared message.
 * @param template the message with placeholders
 * @param params values by name
 * @returns the filled message
 */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
