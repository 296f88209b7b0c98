/** A chart rendered for a context: its title, text alternative and SVG. */
export interface RenderedChart {
  readonly titel: string;
  readonly beskrivelse: string;
  readonly svg: string;
}

// Only SVG the report builder rendered may reach a page unescaped: the template helper checks
// membership here, so a template cannot pass answer text off as a chart.
const rendered = new WeakSet<object>();

/**
 * Marks a chart as rendered by the report builder.
 * @param chart the chart
 * @returns the same chart, frozen
 */
export function registerChart(chart: RenderedChart): RenderedChart {
  const frozen = Object.freeze({ ...chart });
  rendered.add(frozen);
  return frozen;
}

/**
 * Whether a value is a chart the report builder rendered.
 * @param value anything a template passes
 * @returns true for a registered chart
 */
export function isRenderedChart(value: unknown): value is RenderedChart {
  return value !== null && typeof value === 'object' && rendered.has(value);
}
