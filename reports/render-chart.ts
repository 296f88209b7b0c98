/*
 * Server-side charts: a round's Vega-Lite spec plus the rows it plots become one accessible SVG
 * string. vega-lite compiles the spec to Vega, vega renders it headless (`renderer: 'none'`, no
 * canvas exists on the server) and this module wraps the result in a root that screen readers and
 * PDF readers announce as one image with a title and a text alternative.
 *
 * Nothing here touches global state. The Danish locale travels in the compiled spec's
 * `config.locale`, which vega applies to that one View only; `vega.formatLocale()` and
 * `vega.timeFormatLocale()` would set the process-wide default and leak into every other chart.
 * vega-lite's logger is a singleton, but `compile` sets and resets it synchronously, so no other
 * compile can interleave.
 *
 * The file holds the two entry points and their private helpers in one place on purpose: the
 * linter (`compileChartSpec`) and the renderer (`renderChart`) must prepare a spec identically,
 * or the lint would pass specs that fail at render time.
 */
import { createHash } from 'node:crypto';
import type * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';

type Logger = NonNullable<NonNullable<Parameters<typeof compile>[1]>['logger']>;

/**
 * A vega logger that hands warnings and errors to `collect` (what `vega.logger(vega.Warn, …)`
 * does), written here so the lint needs only vega-lite: vega itself is loaded when the first chart
 * is drawn, not when the service starts.
 */
function collectingLogger(collect: (args: unknown[]) => void): Logger {
  let level = 2;
  const logger: Logger = {
    level(_?: number) {
      if (_ === undefined) return level as never;
      level = _;
      return logger as never;
    },
    error: (...args: unknown[]) => (collect(args), logger),
    warn: (...args: unknown[]) => (collect(args), logger),
    info: () => logger,
    debug: () => logger,
  } as Logger;
  return logger;
}

/** One chart to render: the spec, its rows and its text alternative. */
export interface ChartInput {
  /** A Vega-Lite spec as written in a round's report spec (no `data`, or `data: {name: "..."}`): the caller supplies the rows. */
  readonly spec: Readonly<Record<string, unknown>>;
  /** The rows to plot (plain objects of numbers/strings/booleans/null). */
  readonly values: readonly Record<string, unknown>[];
  /** Title (Danish) shown in the SVG <title>, and a text alternative for <desc>. */
  readonly title: string;
  readonly description: string;
}

/** d3-format's and d3-time-format's `da-DK`, plus the no-break space before `%` that `formatPercent` prints. */
const DANISH_NUMBER: vega.NumberLocale = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['', ' kr'],
  percent: '\u00a0%',
};
const DANISH_TIME: vega.TimeLocale = {
  dateTime: '%A den %d %B %Y %X',
  date: '%d-%m-%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  shortDays: ['søn', 'man', 'tir', 'ons', 'tor', 'fre', 'lør'],
  months: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  shortMonths: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

const FONT = 'Arial, Helvetica, sans-serif';
const TEXT = '#1a1a1a';

/**
 * The memo's defaults; vega-lite merges the spec's own `config` over them, key by key, so a spec
 * wins wherever it says something. A fresh copy per compile, because the merge keeps references
 * to nested objects and vega-lite may write to its config.
 */
function defaultConfig(): Config {
  return {
    locale: { number: { ...DANISH_NUMBER }, time: { ...DANISH_TIME } },
    font: FONT,
    // The plot area of a memo column when the spec sets no width (a step width would make a
    // 5-bar chart 100 px wide); the axes add about 60 px.
    view: { continuousWidth: 560, discreteWidth: 560 },
    // WCAG 1.4.11: every mark colour is at least 3:1 against the white background (#004993 is
    // 8.8:1; the palette's lightest, #b35900, is 4.8:1). A reference line is drawn in text colour
    // so it does not read as one more bar.
    mark: { color: '#004993' },
    rule: { color: TEXT },
    range: { category: ['#004993', '#b35900', '#00735c', '#8a2e8a', '#b00020', '#5c5c5c', '#6b5a00', '#0066a6'] },
    axis: { labelFontSize: 12, titleFontSize: 12, labelColor: TEXT, titleColor: TEXT },
    legend: { labelFontSize: 12, titleFontSize: 12, labelColor: TEXT, titleColor: TEXT },
    title: { fontSize: 14, color: TEXT },
  };
}

// vega-lite 6 throws a bare TypeError for an unknown mark; naming it is the lint's job.
const MARKS = new Set([
  'arc', 'area', 'bar', 'image', 'line', 'point', 'rect', 'rule', 'text', 'tick', 'trail',
  'circle', 'square', 'geoshape', 'boxplot', 'errorbar', 'errorband',
]);

const PREFIX = 'Vega-Lite-specifikationen kan ikke oversættes';

function unknownMark(spec: unknown): string | null {
  if (Array.isArray(spec)) {
    for (const s of spec) {
      const found = unknownMark(s);
      if (found !== null) return found;
    }
    return null;
  }
  if (spec === null || typeof spec !== 'object') return null;
  const s = spec as Record<string, unknown>;
  if ('mark' in s) {
    const m = s.mark;
    const type = typeof m === 'object' && m !== null ? (m as Record<string, unknown>).type : m;
    if (typeof type !== 'string' || !MARKS.has(type)) return JSON.stringify(type ?? null);
  }
  for (const key of ['layer', 'concat', 'hconcat', 'vconcat', 'spec']) {
    const found = unknownMark(s[key]);
    if (found !== null) return found;
  }
  return null;
}

/** The spec with the rows as its data (keeping a `name`), deep-copied so neither input is touched and vega may tag the rows. */
function withValues(spec: Readonly<Record<string, unknown>>, values: readonly Record<string, unknown>[]): Record<string, unknown> {
  const copy = structuredClone(spec) as Record<string, unknown>;
  const data = copy.data;
  const name = data !== null && typeof data === 'object' ? (data as Record<string, unknown>).name : undefined;
  copy.data = typeof name === 'string' ? { name, values: structuredClone(values) } : { values: structuredClone(values) };
  return copy;
}

type Compiled = { readonly ok: true; readonly vega: vega.Spec } | { readonly ok: false; readonly message: string };

/** Compiles to Vega; any warning fails, since vega-lite warns where it silently drops a channel without a field. */
function compileStrict(spec: Record<string, unknown>): Compiled {
  const mark = unknownMark(spec);
  if (mark !== null) return { ok: false, message: `${PREFIX}: ukendt mærketype ${mark} (kendte: ${[...MARKS].join(', ')})` };
  const complaints: string[] = [];
  const collect = (args: unknown[]): void => {
    complaints.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  };
  let compiled: vega.Spec;
  try {
    compiled = compile(spec as unknown as TopLevelSpec, { config: defaultConfig(), logger: collectingLogger(collect) }).spec;
  } catch (err) {
    return { ok: false, message: `${PREFIX}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (complaints.length > 0) return { ok: false, message: `${PREFIX}: ${complaints.join('; ')}` };
  // The rows come from the caller; a layer or lookup that names a URL would be refused at render
  // time, so the lint says so first.
  const remote = (compiled.data ?? []).find((d) => 'url' in d);
  if (remote) return { ok: false, message: `${PREFIX}: datakilden "${remote.name}" henter data fra en adresse (url); et diagram må kun vise de rækker, rapporten giver det` };
  return { ok: true, vega: compiled };
}

/**
 * Checks that a Vega-Lite spec compiles, without data, as the report lint needs.
 * @param spec the Vega-Lite spec as written in the round's report spec
 * @returns `{ ok: true }`, or `{ ok: false, message }` with a Danish message
 */
export function compileChartSpec(spec: Readonly<Record<string, unknown>>): { ok: true } | { ok: false; message: string } {
  const compiled = compileStrict(withValues(spec, []));
  return compiled.ok ? { ok: true } : { ok: false, message: compiled.message };
}

/**
 * A loader that fetches nothing and remembers what was asked for. `sanitize` resolves to an empty
 * href instead of rejecting: vega's SVG renderer reads the result of a refused link without a
 * null check, which would surface as an unhandled rejection.
 */
function refusingLoader(asked: string[]): vega.Loader {
  const refuse = (uri: string): Promise<never> => {
    asked.push(uri);
    return Promise.reject(new Error(`diagrammet må ikke hente ${uri}`));
  };
  return {
    load: (uri) => refuse(uri),
    http: (uri) => refuse(uri),
    file: (filename) => refuse(filename),
    sanitize: (uri) => {
      asked.push(uri);
      return Promise.resolve({ href: '' });
    },
  };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * Gives vega's clip and gradient ids the chart's prefix, numbered in order of appearance. vega
 * counts them process-wide, so the same chart would get other ids on its second render, and two
 * charts on one page could share `clip1`. Only tags are rewritten: text nodes never hold `<`.
 */
function scopeIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  const rename = (id: string): string => {
    let n = renamed.get(id);
    if (n === undefined) renamed.set(id, (n = `${prefix}-d${renamed.size + 1}`));
    return n;
  };
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${rename(id)}"`).replace(/url\(#([^)"]+)\)/g, (_, id: string) => `url(#${rename(id)})`),
  );
}

/**
 * Renders a Vega-Lite spec over the given rows to an accessible SVG string: the root is one image
 * (`role="img"`) labelled by a `<title>` and a `<desc>`, numbers and dates are Danish, and nothing
 * is fetched. The same input gives the same bytes.
 * @param input the spec, the rows, the title and the text alternative
 * @returns SVG markup
 * @throws Error with a Danish message when the spec does not compile or asks for an external resource
 * @example
 * const svg = await renderChart({
 *   spec: { mark: 'bar', encoding: { x: { field: 'etiket', type: 'nominal' }, y: { field: 'antal', type: 'quantitative' } } },
 *   values: [{ etiket: 'Region Hovedstaden', antal: 29 }],
 *   title: 'Antal kommuner efter region',
 *   description: 'Søjlediagram: antal kommuner i hver region.',
 * });
 */
export async function renderChart(input: ChartInput): Promise<string> {
  const compiled = compileStrict(withValues(input.spec, input.values));
  if (!compiled.ok) throw new Error(compiled.message);

  const vega = await import('vega');
  const asked: string[] = [];
  const errors: string[] = [];
  const logger = vega.logger(vega.Error, undefined, (_method, _level, args) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  });
  const view = new vega.View(vega.parse(compiled.vega), { renderer: 'none', loader: refusingLoader(asked), logger });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  // A refused data load only makes vega warn and plot nothing; a memo must not show an empty chart.
  if (asked.length > 0) throw new Error(`Diagrammet må ikke hente eksterne ressourcer: ${[...new Set(asked)].join(', ')}`);
  if (errors.length > 0) throw new Error(`Diagrammet kunne ikke tegnes: ${errors.join('; ')}`);

  const id = `diagram-${createHash('sha256').update(`${input.title}\u0000${input.description}`).digest('hex').slice(0, 10)}`;
  const scoped = scopeIds(svg, id);
  const open = /^<svg\b[^>]*>/.exec(scoped);
  if (!open) throw new Error('Diagrammet kunne ikke tegnes: vega gav ikke et SVG-element');
  // The root is the one image; vega's own role/aria attributes stay on the marks inside.
  const root = open[0]
    .replace(/\s(?:role|aria-[a-z]+|focusable)="[^"]*"/g, '')
    .replace(/^<svg\b/, `<svg role="img" aria-labelledby="${id}-titel ${id}-beskrivelse" focusable="false"`);
  return (
    root +
    `<title id="${id}-titel">${escapeXml(input.title)}</title>` +
    `<desc id="${id}-beskrivelse">${escapeXml(input.description)}</desc>` +
    scoped.slice(open[0].length)
  );
}
