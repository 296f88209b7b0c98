import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vega from 'vega';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileChartSpec, renderChart, type ChartInput } from '../../reports/render-chart.ts';

const ROWS = Array.from({ length: 10 }, (_, i) => ({ kommune: `Kommune ${i + 1}`, andel: 8 + i * 6.5 }));

// The round's own idiom: a bar layer and a reference line at 40 % with no data of its own.
const BARS_WITH_RULE = {
  layer: [
    { mark: 'bar', encoding: { x: { field: 'kommune', type: 'nominal', sort: null }, y: { field: 'andel', type: 'quantitative' } } },
    { mark: 'rule', encoding: { y: { datum: 40 } } },
  ],
};

function chart(overrides: Partial<ChartInput> = {}): ChartInput {
  return {
    spec: BARS_WITH_RULE,
    values: ROWS,
    title: 'Andel kvinder i den øverste ledelse',
    description: 'Søjlediagram over ti kommuner med en linje ved 40 procent.',
    ...overrides,
  };
}

const MONTHS = { mark: 'bar', encoding: { x: { field: 'dato', type: 'ordinal', timeUnit: 'utcmonth' }, y: { field: 'antal', type: 'quantitative' } } };
const MONTH_ROWS = [1, 2, 3, 4, 5].map((m) => ({ dato: `2024-0${m}-15`, antal: m }));

// vega-typings declare only the setter form of these two; called bare they return the
// process-wide default, which a chart's own locale must leave alone.
const defaultNumberLocale = vega.formatLocale as unknown as () => { format(spec: string): (n: number) => string };
const defaultTimeLocale = vega.timeFormatLocale as unknown as () => { utcFormat(spec: string): (d: Date) => string };

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('renderChart', () => {
  it('draws ten bars and the reference line at 40 inside an accessible root', async () => {
    const svg = await renderChart(chart());

    expect(count(svg, /aria-roledescription="bar"/g)).toBe(10);
    const rule = /class="mark-rule role-mark layer_1_marks"[^>]*><line transform="translate\([\d.]+,([\d.]+)\)"/.exec(svg);
    expect(rule).not.toBeNull();
    // The rule sits where the y axis prints 40. vega nudges each label down to centre it on its
    // tick; the label 0 sits on the plot's bottom edge (300), which gives the nudge.
    const labelY = (text: string) => Number(new RegExp(`<text [^>]*transform="translate\\(-7,([\\d.]+)\\)"[^>]*>${text}</text>`).exec(svg)![1]);
    expect(Number(rule![1])).toBeCloseTo(labelY('40') - (labelY('0') - 300), 6);

    const root = /^<svg\b[^>]*>/.exec(svg)![0];
    expect(root).toContain('role="img"');
    expect(root).toContain('focusable="false"');
    const ids = /aria-labelledby="([^"]+)"/.exec(root)![1]!.split(' ');
    expect(ids).toHaveLength(2);
    expect(svg).toContain(`<title id="${ids[0]}">Andel kvinder i den øverste ledelse</title>`);
    expect(svg).toContain(`<desc id="${ids[1]}">Søjlediagram over ti kommuner med en linje ved 40 procent.</desc>`);
    expect(svg.indexOf('<title')).toBe(root.length);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('uses the memo defaults: Arial, about 560 px, #004993 bars', async () => {
    const svg = await renderChart(chart());
    const width = Number(/^<svg\b[^>]*\swidth="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(560);
    expect(width).toBeLessThan(680);
    expect(svg).toContain('font-family="Arial, Helvetica, sans-serif"');
    expect(count(svg, /aria-roledescription="bar"[^>]*fill="#004993"/g)).toBe(10);
  });

  it('lets the spec\'s own config win over the defaults', async () => {
    const svg = await renderChart(chart({ spec: { ...BARS_WITH_RULE, width: 300, config: { mark: { color: '#7a0019' }, font: 'Georgia' } } }));
    expect(count(svg, /aria-roledescription="bar"[^>]*fill="#7a0019"/g)).toBe(10);
    expect(svg).toContain('font-family="Georgia"');
    expect(Number(/^<svg\b[^>]*\swidth="(\d+)"/.exec(svg)![1])).toBeLessThan(400);
  });

  it('colours every series with at least 3:1 contrast against white', async () => {
    const values = Array.from({ length: 8 }, (_, i) => ({ gruppe: `G${i}`, antal: i + 1 }));
    const svg = await renderChart(
      chart({ spec: { mark: 'bar', encoding: { x: { field: 'gruppe', type: 'nominal' }, y: { field: 'antal', type: 'quantitative' }, color: { field: 'gruppe', type: 'nominal' } } }, values }),
    );
    const fills = [...svg.matchAll(/aria-roledescription="bar"[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
    expect(new Set(fills).size).toBe(8);
    for (const fill of fills) expect(1.05 / (luminance(fill) + 0.05), fill).toBeGreaterThanOrEqual(3);
  });

  it('writes axis numbers the Danish way', async () => {
    const fractions = ROWS.map((r, i) => ({ ...r, andel: i * 0.05 }));
    const small = await renderChart(chart({ spec: BARS_WITH_RULE.layer[0]!, values: fractions }));
    expect(small).toMatch(/role-axis-label[^]*>0,05<\/text>[^]*>0,20<\/text>/);
    expect(small).not.toMatch(/>0\.\d+<\/text>/);
    // vega's own aria labels on the bars read the same locale.
    expect(small).toContain('aria-label="kommune: Kommune 2; andel: 0,05"');

    const large = await renderChart(chart({ spec: BARS_WITH_RULE.layer[0]!, values: ROWS.map((r, i) => ({ ...r, andel: i * 2500 })) }));
    expect(large).toMatch(/>20\.000<\/text>/);
  });

  it('keeps the Danish locale to its own view', async () => {
    await renderChart(chart());
    await renderChart(chart({ spec: MONTHS, values: MONTH_ROWS }));
    expect(defaultNumberLocale().format(',.1f')(1234.5)).toBe('1,234.5');
    expect(defaultTimeLocale().utcFormat('%B')(new Date(Date.UTC(2024, 4, 15)))).toBe('May');
  });

  it('writes month names in Danish', async () => {
    const svg = await renderChart(chart({ spec: MONTHS, values: MONTH_ROWS }));
    expect(svg).toMatch(/>maj<\/text>/);
  });

  it('escapes the title and the description', async () => {
    const svg = await renderChart(chart({ title: `<script>&"'`, description: `a < b & "c" 'd'` }));
    expect(svg).toContain('>&lt;script&gt;&amp;&quot;&apos;</title>');
    expect(svg).toContain('>a &lt; b &amp; &quot;c&quot; &apos;d&apos;</desc>');
    expect(svg).not.toContain('<script');
  });

  it('gives distinct ids to charts with different titles', async () => {
    const a = await renderChart(chart());
    const b = await renderChart(chart({ title: 'En anden titel' }));
    const id = (svg: string) => /aria-labelledby="([^" ]+)/.exec(svg)![1];
    expect(id(a)).not.toBe(id(b));
  });

  it('gives the same bytes for the same input, even when clip ids are in play', async () => {
    const clipped = chart({ spec: { mark: { type: 'bar', clip: true }, encoding: { x: { field: 'kommune', type: 'nominal' }, y: { field: 'andel', type: 'quantitative', scale: { domain: [0, 40] } } } } });
    const first = await renderChart(clipped);
    await renderChart(chart({ title: 'Noget andet', spec: clipped.spec }));
    const second = await renderChart(clipped);
    expect(second).toBe(first);
    expect(await renderChart(chart())).toBe(await renderChart(chart()));
    // vega counts clip ids process-wide; the chart's own prefix keeps two charts on a page apart.
    const prefix = /aria-labelledby="([^" ]+)-titel/.exec(first)![1]!;
    expect(first).toContain(`clip-path="url(#${prefix}-d1)"`);
    expect(first).toContain(`id="${prefix}-d1"`);
  });

  it('leaves its input alone, even frozen', async () => {
    const spec = structuredClone(BARS_WITH_RULE);
    const values = ROWS.map((r) => Object.freeze({ ...r }));
    const before = JSON.stringify({ spec, values });
    deepFreeze(spec);
    const svg = await renderChart(chart({ spec, values: Object.freeze(values) }));
    expect(count(svg, /aria-roledescription="bar"/g)).toBe(10);
    expect(JSON.stringify({ spec, values })).toBe(before);
    expect(Object.getOwnPropertySymbols(values[0]!)).toEqual([]);
  });

  it('keeps a data name the spec gives', async () => {
    const svg = await renderChart(chart({ spec: { ...BARS_WITH_RULE, data: { name: 'kommuner' } } }));
    expect(count(svg, /aria-roledescription="bar"/g)).toBe(10);
  });

  it('throws a Danish error for a spec that does not compile', async () => {
    await expect(renderChart(chart({ spec: { mark: 'søjle', encoding: {} } }))).rejects.toThrow(/^Vega-Lite-specifikationen kan ikke oversættes: ukendt mærketype "søjle"/);
  });
});

describe('renderChart fetches nothing', () => {
  let server: Server;
  let base = '';
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('kommune,andel\nX,99\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => vi.restoreAllMocks());

  // A late fetch would land after the render resolved; give it time to show up.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('plots the given rows instead of the spec\'s url', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const svg = await renderChart(chart({ spec: { ...BARS_WITH_RULE, data: { url: `${base}/x.csv` } } }));
    await settle();
    expect(count(svg, /aria-roledescription="bar"/g)).toBe(10);
    expect(svg).not.toContain('>X<');
    expect(requests).toBe(0);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a layer that loads its own url, in the lint and at render time', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spec = { layer: [BARS_WITH_RULE.layer[0]!, { data: { url: `${base}/x.csv` }, mark: 'rule', encoding: { y: { field: 'andel', type: 'quantitative' } } }] };
    const lint = compileChartSpec(spec);
    expect(lint.ok).toBe(false);
    expect(!lint.ok && lint.message).toMatch(/^Vega-Lite-specifikationen kan ikke oversættes: datakilden .* henter data fra en adresse \(url\)/);
    await expect(renderChart(chart({ spec }))).rejects.toThrow(/henter data fra en adresse/);
    await settle();
    expect(requests).toBe(0);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses an image mark without fetching the image', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spec = { mark: { type: 'image', width: 20, height: 20 }, encoding: { x: { field: 'kommune', type: 'nominal' }, y: { field: 'andel', type: 'quantitative' }, url: { field: 'billede', type: 'nominal' } } };
    expect(compileChartSpec(spec)).toEqual({ ok: true });
    const values = ROWS.map((r, i) => ({ ...r, billede: `${base}/billede-${i}.png` }));
    await expect(renderChart(chart({ spec, values }))).rejects.toThrow(/^Diagrammet må ikke hente eksterne ressourcer: http:\/\/127\.0\.0\.1:\d+\/billede-0\.png/);
    await settle();
    expect(requests).toBe(0);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('compileChartSpec', () => {
  it('accepts a spec without data', () => {
    expect(compileChartSpec(BARS_WITH_RULE)).toEqual({ ok: true });
    expect(compileChartSpec({ ...BARS_WITH_RULE, data: { name: 'kommuner' } })).toEqual({ ok: true });
  });

  it('names an unknown mark in Danish', () => {
    const result = compileChartSpec({ layer: [{ mark: { type: 'søjle' }, encoding: {} }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Vega-Lite-specifikationen kan ikke oversættes: ukendt mærketype "søjle" \(kendte: arc, area, bar/);
  });

  it('refuses a channel without a field, which vega-lite would only warn about and drop', async () => {
    const spec = { mark: 'bar', encoding: { x: { type: 'nominal' }, y: { field: 'andel', type: 'quantitative' } } };
    const result = compileChartSpec(spec);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Vega-Lite-specifikationen kan ikke oversættes: .*"x"/);
    await expect(renderChart(chart({ spec }))).rejects.toThrow(/^Vega-Lite-specifikationen kan ikke oversættes/);
  });

  it('refuses a spec with no mark or composition', () => {
    const result = compileChartSpec({ encoding: { x: { field: 'a', type: 'nominal' } } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Vega-Lite-specifikationen kan ikke oversættes: /);
  });

  it('accepts every chart of the 2024 round', () => {
    const reports = JSON.parse(readFileSync(new URL('../../schemas/2024/reports.json', import.meta.url), 'utf8')) as { charts?: Record<string, { vegaLite: Record<string, unknown> }> };
    const charts = Object.entries(reports.charts ?? {});
    expect(charts.length).toBeGreaterThan(0);
    for (const [name, c] of charts) expect(compileChartSpec(c.vegaLite), name).toEqual({ ok: true });
  });
});

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  for (const v of Object.values(value)) deepFreeze(v);
  Object.freeze(value);
}
