import type { KeywordDefinition } from 'ajv';

const localText = {
  type: 'object',
  required: ['da'],
  additionalProperties: false,
  properties: { da: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
} as const;

/**
 * `$anchor` (2020-12): ajv resolves `$ref: "#name"` to it but does not declare the keyword, so
 * strict mode would refuse a valid schema that uses one.
 */
export const ANCHOR: KeywordDefinition = Object.freeze({
  keyword: '$anchor',
  schemaType: 'string',
  metaSchema: { type: 'string', pattern: '^[A-Za-z_][-A-Za-z0-9._]*$' },
});

/**
 * The project's own schema keywords. Declaring them keeps ajv's strict mode on: a misspelt keyword
 * (say `x-comptue`) or a malformed value fails when the schema is compiled, not when data arrives.
 * None of them changes what ajv itself accepts; the engine reads them around validation.
 */
export const X_VOCABULARY: readonly KeywordDefinition[] = Object.freeze([
  {
    // English title and description beside the Danish ones.
    keyword: 'x-en',
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { title: { type: 'string' }, description: { type: 'string' } },
    },
  },
  {
    // A read-only value computed by a JSON-Logic expression over the object that holds it.
    keyword: 'x-compute',
    metaSchema: { type: ['object', 'array', 'boolean', 'number', 'string', 'null'] },
  },
  {
    // Drop answers that belong to no applicable part of this object (e.g. an untaken `then`).
    keyword: 'x-prune',
    metaSchema: { type: 'boolean' },
  },
  {
    // Cross-field checks: a JSON-Logic expression that must be true, reported at `path`.
    keyword: 'x-rules',
    metaSchema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'path', 'rule', 'message'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+$' },
          path: { type: 'string', minLength: 1 },
          rule: {},
          params: { type: 'object', additionalProperties: true },
          message: localText,
        },
      },
    },
  },
  {
    // Choices taken from one of the round's tables; the loader expands them into `oneOf`.
    keyword: 'x-options',
    metaSchema: {
      type: 'object',
      required: ['table', 'label'],
      additionalProperties: false,
      properties: { table: { type: 'string' }, label: { type: 'string' } },
    },
  },
  {
    // Labels for an `enum`, in the same order (written by the loader when it expands `x-options`).
    keyword: 'x-enumTitles',
    metaSchema: { type: 'array', items: { type: 'string' } },
  },
  {
    // Messages that replace the generic ones for a keyword on this field.
    keyword: 'x-messages',
    metaSchema: { type: 'object', additionalProperties: localText },
  },
  {
    // The field that names the respondent (organisation) the answer is about: the service fills it
    // from the login, and the reports join the respondent table on it.
    keyword: 'x-respondent-key',
    metaSchema: { type: 'boolean', const: true },
  },
  {
    // Marks the fields of a round's contact-list form that the store keeps as the respondent's
    // contact person (who gets the login and the reminders): its name, e-mail address and phone.
    // The form declaring an `email` field is the round's contact-list form.
    keyword: 'x-contact',
    metaSchema: { type: 'string', enum: ['name', 'email', 'phone'] },
  },
  {
    // The value a field starts with when a respondent opens a new form: the first case whose
    // JSON-Logic `when` holds for the respondent (`respondent.key`, `respondent.name`, each
    // attribute of the round's respondent table), or the case without one. Strings in the value
    // may hold {key} and {name}.
    keyword: 'x-start',
    metaSchema: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['value'], additionalProperties: false, properties: { when: {}, value: {} } },
    },
  },
  {
    // Whether a respondent may add and remove items of a list in the form's pages, as JSON Logic
    // over the respondent (as for x-start); the form's rules still decide what is valid.
    keyword: 'x-addable',
    metaSchema: { type: ['object', 'boolean'] },
  },
  {
    // Hints for demo data (`indberet demo-data`): sample values, how often a yes/no is yes, a
    // plausible range for a number or an array's item count. Validation never reads them.
    keyword: 'x-demo',
    metaSchema: {
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: {
        values: { type: 'array', minItems: 1 },
        share: { type: 'number', minimum: 0, maximum: 1 },
        range: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
      },
    },
  },
  {
    // The field's name in earlier rounds, so answers can be carried over and compared.
    keyword: 'x-lineage',
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { previous: { type: 'string', pattern: '^(/[^/]+)+$' } },
    },
  },
]);
