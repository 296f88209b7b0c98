import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DialectName } from '../../engine/db/index.ts';
import { createUser } from '../../engine/workflows/index.ts';
import type { ConfigOverrides } from '../../server/index.ts';
import { buildClient } from '../../renderer/build-client.ts';
import { createTestClock, openTestDatabase, PASSWORD, seedTestData, startTestServer, testRegistry, type TestServer } from '../helpers/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Debian's Chromium, or the one `INDBERET_CHROMIUM` names. */
export const CHROMIUM = process.env.INDBERET_CHROMIUM ?? '/usr/bin/chromium';
/** Whether browser tests can run here. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Under CI a missing browser is a failure, not a skip. */
export const MUST_RUN = process.env.CI === 'true';
/** Where screenshots are kept (git-ignored; CI keeps them as artifacts). */
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

/** Says how to get Chromium, once, when browser tests are skipped. */
export function explainMissingBrowser(): void {
  if (HAS_CHROMIUM) return;
  const text = `Chromium findes ikke på ${CHROMIUM}. Installér det med: apt-get install -y chromium (eller sæt INDBERET_CHROMIUM).`;
  if (MUST_RUN) throw new Error(text);
  process.stderr.write(`Browsertests springes over. ${text}\n`);
}

/** A running app with seeded respondents and a browser. */
export interface BrowserApp {
  readonly server: TestServer;
  readonly browser: Browser;
  /** The app's clock, starting on 1 May 2024 (inside the 2024 round). */
  readonly clock: ReturnType<typeof createTestClock>;
  close(): Promise<void>;
}

/** Respondents the journeys log in as (Frederiksberg and Ballerup come from the shared seed). */
export const RESPONDENTS = Object.freeze({
  frederiksberg: 'a@frederiksberg.dk',
  ballerup: 'b@ballerup.dk',
  koebenhavn: 'k@kk.dk',
});

/**
 * Builds the client bundle (as `npm run build` does), starts the real app on an ephemeral port
 * over a fresh database with the 2024 round seeded, and launches Chromium.
 * @param dialect the database to run on
 * @param config settings that differ from the test server's
 * @returns the app
 */
export async function startBrowserApp(dialect: DialectName, config: ConfigOverrides = {}): Promise<BrowserApp> {
  await buildClient({ schemasDir: path.join(root, 'schemas'), outDir: path.join(root, 'dist') });
  await mkdir(SCREENSHOTS, { recursive: true });
  const database = await openTestDatabase(dialect);
  const registry = await testRegistry();
  // Inside the 2024 round: before the 31 May deadline.
  const clock = createTestClock('2024-05-01T10:00:00Z');
  await seedTestData({ db: database.db, registry, clock: clock.now });
  const k = await createUser(
    { db: database.db, clock: clock.now },
    { email: RESPONDENTS.koebenhavn, navn: 'Kontakt København', role: 'respondent', code: '0101', password: PASSWORD, actorId: null },
  );
  if (!k.ok) throw new Error(k.code);
  const server = await startTestServer({ db: database.db, registry, clock: clock.now, config });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  return {
    server,
    browser,
    clock,
    async close() {
      await browser.close();
      await server.close();
      await database.destroy();
    },
  };
}

/**
 * Logs in through the login page.
 * @param page a fresh page
 * @param url the app's address
 * @param email the respondent
 */
export async function logIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button:has-text("Log ind")')]);
}

/**
 * Asserts that axe finds no WCAG 2.1 A/AA violations and keeps a screenshot of the page.
 * @param page the page
 * @param name the screenshot's name
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `axe på ${name}`).toEqual([]);
}
