import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMemoContext, launchChromium, loadRoundTemplates, renderPdf, reportOf } from '../../reports/index.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The document title Chromium writes into the PDF's Info dictionary, as UTF-16BE hex. */
function titleHex(title: string): string {
  return `<FEFF${[...title].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')}>`;
}

describe('memo as PDF through Chromium', () => {
  let browser: Browser;
  let dir: string;
  let html: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-pdf-'));
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const report = reportOf(round).report!;
    const reports = submitted(registry.form('2024', 'maaltal')!, TEN_RAW);
    const set = (await loadRoundTemplates(SCHEMAS_DIR, round)).set!;
    const memo = Object.values(report.spec.documents ?? {}).find((d) => d.kind === 'notat')!;
    html = set.render(memo.template!, await buildMemoContext({ report, round, reports, generatedAt: '2024-06-15T08:00:00Z' }));
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the memo with its figures as text', async () => {
    const pdf = await renderPdf(browser, html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const title = /<title>([^<]*)<\/title>/.exec(html)![1]!;
    expect(title).toContain('Nøgletalsnotat');
    expect(pdf.toString('latin1')).toContain(titleHex(title));
    if (hasPdftotext()) {
      const file = path.join(dir, 'notat.pdf');
      await writeFile(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Nøgletalsnotat');
      // Ten of the 98 municipalities reported; 28 women of 66 people in the fixture's top management.
      expect(text).toMatch(/10 af 98 kommuner\s+\(10,2 %\)/);
      expect(text).toContain('Region Hovedstaden');
      expect(text).toContain('42,4 %');
      // The charts are vector text inside the PDF, not pictures: an axis title that is printed
      // nowhere else in the memo is searchable.
      const outsideCharts = html.replace(/<svg\b[\s\S]*?<\/svg>/g, '');
      expect(html).toContain('>Antal kommuner</text>');
      expect(outsideCharts).not.toMatch(/Antal kommuner(?! efter)/);
      expect(text).toMatch(/Antal kommuner(?! efter)/);
      expect(text).toMatch(/Side 1 af \d/);
    }
  });

  it('fetches nothing while printing', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const bait = `<img src="http://127.0.0.1:${port}/spor.png" alt=""><link rel="stylesheet" href="http://127.0.0.1:${port}/s.css">`;
      expect(html).toContain('</main>');
      const pdf = await renderPdf(browser, html.replace('</main>', `${bait}</main>`));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
