import type { JsonSchema, RuleContext } from './types.ts';

/** One respondent of a round: its code (the key of the respondent table), name and attributes. */
export interface Respondent {
  readonly key: string;
  readonly name: string;
  /** Every column of its row in the respondent table. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The words a round uses for its respondents, in Danish. */
export interface RespondentWords {
  readonly one: string;
  readonly many: string;
  /** The word for a respondent's code, e.g. "institutionsnummer". */
  readonly code?: string;
}

/** Who is obliged to report in a round, as its `round.json` → `respondents` declares. */
export interface RespondentPopulation {
  readonly table: string;
  /** Every respondent, sorted by code. */
  readonly list: readonly Respondent[];
  readonly byKey: ReadonlyMap<string, Respondent>;
  readonly words: RespondentWords;
  /** Titles of the declared attributes (the columns reports may show or group by). */
  readonly attributeTitles: Readonly<Record<string, string>>;
  /** The attribute the ministry's board shows and filters by (`respondents.group`), with its title. */
  readonly group: { readonly attribute: string; readonly title: string } | null;
  /** The name of a respondent's reporting unit (`respondents.unitName`, `{name}` by default). */
  unitName(respondent: Respondent): string;
}

/** The part of a round the population is read from: a registry `Round` fits, and so does a synthetic one. */
export interface RespondentRound {
  readonly id: string;
  readonly settings: Readonly<JsonSchema>;
  readonly tables: RuleContext['$tables'];
}

const DEFAULT_WORDS: RespondentWords = Object.freeze({ one: 'respondent', many: 'respondenter' });

// Settings and tables are frozen with their round, so the population is read once per round
// (pages, seeding and reports ask for it on every request), keyed by the round's settings object.
const cache = new WeakMap<object, { readonly tables: object; readonly result: RespondentPopulation | { readonly error: string } }>();

/**
 * Reads a round's respondent population from its settings and tables, once per loaded round.
 * @param round the round
 * @returns the population, or a Danish message saying what the round lacks
 */
export function respondentsOf(round: RespondentRound): RespondentPopulation | { readonly error: string } {
  const hit = cache.get(round.settings);
  if (hit && hit.tables === round.tables) return hit.result;
  const result = readRespondents(round);
  cache.set(round.settings, { tables: round.tables, result });
  return result;
}

function readRespondents(round: RespondentRound): RespondentPopulation | { readonly error: string } {
  const decl = (round.settings as Record<string, unknown>).respondents as Record<string, unknown> | undefined;
  if (!decl || typeof decl.table !== 'string') return { error: `runde ${round.id} angiver ikke sine respondenter (round.json → respondents)` };
  const rows = round.tables[decl.table];
  if (!rows) return { error: `runde ${round.id}: respondenttabellen "${decl.table}" findes ikke` };
  const nameColumn = typeof decl.name === 'string' ? decl.name : '';
  const list = Object.keys(rows)
    .sort()
    .map((key) => Object.freeze({ key, name: rows[key]?.[nameColumn] ?? key, attributes: rows[key] ?? {} }));
  const words = (decl.words as { da?: RespondentWords } | undefined)?.da ?? DEFAULT_WORDS;
  const attrs = (decl.attributes ?? {}) as Record<string, { title?: string }>;
  const groupAttribute = typeof decl.group === 'string' ? decl.group : null;
  const unitName = typeof decl.unitName === 'string' ? decl.unitName : '{name}';
  return Object.freeze({
    table: decl.table,
    list: Object.freeze(list),
    byKey: new Map(list.map((r) => [r.key, r])),
    words,
    attributeTitles: Object.freeze(Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v.title ?? k]))),
    group: groupAttribute ? Object.freeze({ attribute: groupAttribute, title: attrs[groupAttribute]?.title ?? groupAttribute }) : null,
    // `{name}`, `{key}` and any attribute column, the placeholders `x-start` reads too.
    unitName: (r: Respondent) => unitName.replace(/\{([^{}]+)\}/g, (m, k: string) => (k === 'name' ? r.name : k === 'key' ? r.key : (r.attributes[k] ?? m))),
  });
}

/**
 * The top-level field of a form that holds the respondent's code (`x-respondent-key: true`): the
 * field the store ties to the login.
 * @param schema the form's schema
 * @returns its name, or undefined when the form names none
 */
export function respondentKeyField(schema: Readonly<JsonSchema>): string | undefined {
  const props = (schema.properties ?? {}) as Record<string, unknown>;
  return Object.keys(props).find((k) => (props[k] as Record<string, unknown> | null)?.['x-respondent-key'] === true);
}
