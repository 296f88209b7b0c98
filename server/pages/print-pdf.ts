import { existsSync } from 'node:fs';

/** Where Debian's Chromium lives unless `INDBERET_CHROMIUM` says otherwise. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** A PDF, or why none could be made. */
export type PrintResult = { readonly ok: true; readonly pdf: Buffer } | { readonly ok: false; readonly reason: string };

let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints a self-contained HTML document to an A4 PDF with headless Chromium. One print runs at a
 * time and each starts its own browser, so no browser outlives a request; receipts are printed
 * rarely (once per report), so the start-up cost does not matter.
 * @param html the document (it must load nothing from the network)
 * @param executablePath the Chromium binary
 * @returns the PDF bytes, or a reason
 */
export function printPdf(html: string, executablePath = process.env.INDBERET_CHROMIUM ?? DEFAULT_CHROMIUM): Promise<PrintResult> {
  const job = queue.then(async (): Promise<PrintResult> => {
    if (!existsSync(executablePath)) return { ok: false, reason: `Chromium findes ikke (${executablePath})` };
    // Loaded at the first print, not at start-up: the driver takes most of a second to load.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      // Nothing outside the document may be fetched: the receipt shows only what was submitted.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: false });
      return { ok: true, pdf };
    } finally {
      await browser.close();
    }
  });
  queue = job.catch(() => undefined);
  return job.catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));
}
