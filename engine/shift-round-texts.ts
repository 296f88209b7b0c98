const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Keys whose strings are texts for people about the round, in Danish beside their `x-en`. */
const TEXT_KEYS = new Set(['title', 'description', 'ui:title', 'ui:description', 'ui:help']);

/**
 * Moves a round's year on in its texts for people: every `title` and `description` (and a ui file's
 * `ui:title`, `ui:description`, `ui:help`) and every string under an `x-en`, at any depth, so the
 * English texts follow the Danish ones. Other strings keep their years: round data (a comparison's
 * description, the legal basis) may name a past fact.
 * @param settings round.json, a form schema or a ui file, as parsed
 * @param fromYear the source round's year, e.g. `2024`
 * @param toYear the new round's year
 * @returns a copy with the year replaced where it stands as a whole number
 */
export function shiftRoundTexts<T>(settings: T, fromYear: string, toYear: string): T {
  if (!/^[0-9]{4}$/.test(fromYear) || fromYear === toYear) return settings;
  // A whole year only: "2024" in "20245" or in a case number is not the round's year.
  const year = new RegExp(`(?<![0-9])${fromYear}(?![0-9])`, 'g');
  const walk = (node: unknown, text: boolean): unknown => {
    if (typeof node === 'string') return text ? node.replace(year, toYear) : node;
    if (Array.isArray(node)) return node.map((v) => walk(v, text));
    if (!isObj(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, walk(v, text || k === 'x-en' || (typeof v === 'string' && TEXT_KEYS.has(k)))]),
    );
  };
  return walk(settings, false) as T;
}
