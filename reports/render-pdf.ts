import type { Browser } from 'playwright-core';

/** Page settings of the memo as PDF. */
export const PDF_OPTIONS = Object.freeze({
  format: 'A4',
  printBackground: true,
  margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate:
    '<div style="font-size:8pt;width:100%;text-align:center;color:#454545">Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>',
} as const);

/**
 * Prints an HTML page to PDF in Chromium. The page runs without JavaScript and without network:
 * everything the memo needs (styles, SVG charts) is inline, so nothing is fetched.
 * @param browser an open Chromium
 * @param html the page
 * @returns the PDF's bytes
 */
export async function renderPdf(browser: Browser, html: string): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf(PDF_OPTIONS);
  } finally {
    await context.close();
  }
}
