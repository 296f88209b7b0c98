import type { Browser } from 'playwright-core';

/** Where Chromium is found unless `CHROMIUM_PATH` says otherwise. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Starts a headless Chromium for printing PDFs.
 * @param executablePath the browser binary
 * @returns the browser; close it when done
 */
export async function launchChromium(executablePath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH): Promise<Browser> {
  // Loaded on first use: playwright costs about 80 MB, and most report runs print no PDF.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
