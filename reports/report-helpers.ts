import { isRenderedChart } from './chart-registry.ts';
import { formatDate } from './format-date.ts';
import { formatNumber, MISSING } from './format-number.ts';
import { formatPercent } from './format-percent.ts';
import { formatPoints } from './format-points.ts';

/** How the template check treats a helper's arguments. */
export interface HelperSpec {
  /** Least and most positional arguments. */
  readonly params: readonly [number, number];
  /** Hash arguments: `key` names a property of the first argument's items, `path` a dotted path in them. */
  readonly hash?: Readonly<Record<string, 'key' | 'path' | 'text' | readonly string[]>>;
  readonly required?: readonly string[];
  /** A one-line Danish description for analysts. */
  readonly doc: string;
}

/** The helpers every report template may use, besides Handlebars' own `if`, `unless`, `each` and `with`. */
export const HELPER_SPECS: Readonly<Record<string, HelperSpec>> = Object.freeze({
  tal: { params: [1, 2], doc: 'Tal med dansk talformat: {{tal x}} eller {{tal x 1}} for én decimal.' },
  procent: { params: [1, 2], doc: 'Andel i procent: {{procent x}} giver 47,3 %.' },
  point: { params: [1, 2], doc: 'Ændring med fortegn: {{point x}} giver +2,1.' },
  dato: { params: [1, 1], doc: 'Dato: {{dato x}} giver 31. maj 2024.' },
  tidspunkt: { params: [1, 1], doc: 'Dato og klokkeslæt i rundens tidszone.' },
  janej: { params: [1, 1], doc: 'Sandt/falsk som ja/nej.' },
  forkort: { params: [2, 2], doc: 'Forkorter tekst til højst n tegn med …: {{forkort tekst 160}}.' },
  diagram: { params: [1, 1], doc: 'Et diagram fra rapportspecifikationen som SVG med titel og tekstalternativ: {{diagram diagrammer.fordeling}}.' },
  celle: { params: [1, 1], doc: 'En tabelcelle efter sin type: {{celle this}} for en celle med vaerdi og type.' },
});

const digits = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(p in cur)) throw new Error(`feltet "${path}" findes ikke`);
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** What a Handlebars environment offers helpers: its escaping and its safe-string wrapper. */
export interface HelperEnvironment {
  readonly escapeExpression: (text: string) => string;
  readonly SafeString: new (text: string) => unknown;
}

/**
 * Builds the report helpers for one round.
 * @param env the Handlebars environment the helpers are registered in
 * @param timeZone the round's time zone, for timestamps
 * @returns helper functions by name (the same names as {@link HELPER_SPECS})
 */
export function reportHelpers(env: HelperEnvironment, timeZone: string): Record<string, (...args: unknown[]) => unknown> {
  // Handlebars passes its options object last; positional arguments come before it.
  const positional = (args: unknown[]): unknown[] => args.slice(0, -1);
  return {
    tal: (...args) => {
      const [v, d] = positional(args);
      return formatNumber(v, digits(d, 0));
    },
    procent: (...args) => {
      const [v, d] = positional(args);
      return formatPercent(v, digits(d, 1));
    },
    point: (...args) => {
      const [v, d] = positional(args);
      return formatPoints(v, digits(d, 1));
    },
    dato: (v) => formatDate(v, timeZone),
    tidspunkt: (v) => formatDate(v, timeZone, true),
    janej: (v) => (v === true ? 'ja' : v === false ? 'nej' : MISSING),
    forkort: (...args) => {
      const [v, n] = positional(args);
      if (typeof v !== 'string') return MISSING;
      const max = digits(n, 160);
      // Cut at a word boundary where one is near, so the summary does not end mid-word.
      if (v.length <= max) return v;
      const cut = v.slice(0, max);
      const space = cut.lastIndexOf(' ');
      return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
    },
    diagram: (chart) => {
      // Only SVG the report builder rendered passes unescaped; anything else is refused loudly.
      if (chart === null) return MISSING;
      if (!isRenderedChart(chart)) throw new Error('diagram: værdien er ikke et diagram fra rapportspecifikationen');
      // The title shows under the chart as well, for sighted readers; the SVG names itself for screen readers.
      return new env.SafeString(`<figure class="diagram">${chart.svg}<figcaption>${env.escapeExpression(chart.titel)}</figcaption></figure>`);
    },
    celle: (c) => {
      const { vaerdi, type } = (c ?? {}) as { vaerdi?: unknown; type?: unknown };
      if (vaerdi === null || vaerdi === undefined) return MISSING;
      if (typeof vaerdi === 'boolean') return vaerdi ? 'ja' : 'nej';
      if (type === 'decimaltal') return formatNumber(vaerdi, 1);
      if (type === 'heltal') return formatNumber(vaerdi, 0);
      if (type === 'dato') return formatDate(vaerdi, timeZone);
      const text = String(vaerdi);
      // Only a link column (the service's own address) is a link; a respondent's text that looks like one stays text.
      if (type === 'lenke' && /^https?:\/\/[^\s"<>]+$/.test(text)) return new env.SafeString(`<a href="${env.escapeExpression(text)}">${env.escapeExpression(text)}</a>`);
      return text;
    },
  };
}
