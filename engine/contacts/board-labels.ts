import { respondentsOf, type RespondentRound } from '../respondents-of.ts';

/** The words the board, its exports and the contact pages use for a round's respondents. */
export interface BoardLabels {
  /** One respondent, lower case ("kommune", "institution"). */
  readonly one: string;
  /** One respondent in the definite form, lower case ("kommunen", "institutionen"). */
  readonly the: string;
  /** The definite form at the start of a sentence ("Kommunen", "Institutionen"). */
  readonly theTitle: string;
  /** Several respondents, lower case. */
  readonly many: string;
  /** Several respondents, as a heading ("Kommuner"). */
  readonly manyTitle: string;
  /** Heading of the respondent's code ("Kommunekode"). */
  readonly code: string;
  /** Heading of the respondent's name ("Kommune"). */
  readonly name: string;
  /** Heading of the board's group attribute ("Region"), null when the round declares none. */
  readonly group: string | null;
  /** Every value of the group attribute among the respondents, sorted. */
  readonly groups: readonly string[];
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The board's words, from the round's `respondents` (words, group attribute).
 * @param round the round (a compiled one, or a draft's round.json with the tables it has)
 * @returns the labels
 */
export function boardLabels(round: RespondentRound): BoardLabels {
  const population = respondentsOf(round);
  if ('error' in population) return { one: 'respondent', the: 'respondenten', theTitle: 'Respondenten', many: 'respondenter', manyTitle: 'Respondenter', code: 'Kode', name: 'Respondent', group: null, groups: [] };
  const { one, many } = population.words;
  const attribute = population.group?.attribute;
  const groups = attribute === undefined ? [] : [...new Set(population.list.map((r) => r.attributes[attribute] ?? '').filter((v) => v !== ''))].sort((a, b) => a.localeCompare(b, 'da'));
  // Danish definite form: kommune → kommunen, institution → institutionen.
  const the = one.endsWith('e') ? `${one}n` : `${one}en`;
  return { one, the, theTitle: capital(the), many, manyTitle: capital(many), code: capital(population.words.code ?? `${one}kode`), name: capital(one), group: population.group?.title ?? null, groups };
}
