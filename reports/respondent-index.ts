import type { Respondent } from './respondents.ts';

/** A list of respondents indexed for building rows: each one's position, and each attribute as a column. */
export interface RespondentIndex {
  /** Respondent code → its position in the list. */
  readonly position: ReadonlyMap<string, number>;
  /**
   * One attribute of every respondent, by position: `$key` the code, `$name` the name, otherwise a
   * column of the respondent table (null where the row has none).
   */
  attribute(name: string): readonly (string | null)[];
}

// A round's respondent list is frozen and read once per loaded round (respondentsOf), with the
// round's frozen tables as its attributes, so its index is made once per frozen list too, not for every dataset built from it: at 100 000 respondents the map
// and the attribute columns took about a fifth of a second each time, most of it reading the
// respondents' attribute objects scattered over the heap.
const cache = new WeakMap<readonly Respondent[], RespondentIndex>();

/**
 * The index of a respondent list, made once per list.
 * @param list the respondents, in order
 * @returns their positions and attribute columns
 */
export function respondentIndex(list: readonly Respondent[]): RespondentIndex {
  const hit = cache.get(list);
  if (hit) return hit;
  const position = new Map<string, number>();
  list.forEach((r, i) => position.set(r.key, i));
  const columns = new Map<string, readonly (string | null)[]>();
  const index: RespondentIndex = {
    position,
    attribute(name) {
      let column = columns.get(name);
      if (!column) {
        column = Object.freeze(list.map((r) => (name === '$key' ? r.key : name === '$name' ? r.name : (r.attributes[name] ?? null))));
        columns.set(name, column);
      }
      return column;
    },
  };
  // A list that is not frozen may change, so its index is not kept.
  if (Object.isFrozen(list)) cache.set(list, index);
  return index;
}
