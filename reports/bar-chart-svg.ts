import { formatNumber } from './format-number.ts';
import { formatPercent } from './format-percent.ts';

/** One bar: its label and value (null draws no bar and prints a dash). */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
}

/** How a bar chart is drawn. */
export interface BarChartOptions {
  readonly title: string;
  /** `procent` scales bars to 100 and prints `47,3 %`; `antal` scales to the largest value. */
  readonly unit: 'procent' | 'antal';
  /** Escapes text for HTML/XML; the Handlebars environment passes its own. */
  readonly escape: (text: string) => string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 70;
const ROW = 26;
const TOP = 8;

function idFor(text: string): string {
  // Stable across runs (golden files) and distinct for different charts in one page.
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `diagram-${(h >>> 0).toString(36)}`;
}

/**
 * Draws a horizontal bar chart as inline SVG with a title and a text description that lists every
 * value, so a screen reader (and a PDF reader) gets the same figures as the eye.
 * @param bars the bars in order
 * @param options title, unit and the escape function
 * @returns SVG markup
 */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const { escape, unit } = options;
  const fmt = (v: number | null): string => (unit === 'procent' ? formatPercent(v) : formatNumber(v));
  const max = unit === 'procent' ? 100 : Math.max(1, ...bars.map((b) => b.value ?? 0));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP * 2 + ROW * bars.length;
  const id = idFor(`${options.title}|${bars.map((b) => `${b.label}=${b.value}`).join('|')}`);
  const desc = bars.map((b) => `${b.label}: ${fmt(b.value)}`).join('; ');
  const rows = bars
    .map((b, i) => {
      const y = TOP + i * ROW;
      const w = b.value === null ? 0 : Math.max(0, Math.min(1, b.value / max)) * plot;
      return (
        `<g aria-hidden="true">` +
        `<text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end">${escape(b.label)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="#0059b3"/>` +
        `<text x="${(LABEL_WIDTH + w + 6).toFixed(1)}" y="${y + 17}">${escape(fmt(b.value))}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="${WIDTH}" height="${height}" aria-labelledby="${id}-titel ${id}-beskrivelse" ` +
    `font-family="Arial, Helvetica, sans-serif" font-size="13" fill="#1a1a1a">` +
    `<title id="${id}-titel">${escape(options.title)}</title>` +
    `<desc id="${id}-beskrivelse">${escape(desc)}</desc>` +
    `<line x1="${LABEL_WIDTH}" y1="${TOP}" x2="${LABEL_WIDTH}" y2="${height - TOP}" stroke="#747474"/>` +
    rows +
    `</svg>`
  );
}
