import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRounds } from '../../engine/node.ts';
import { CHROMIUM, checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN } from '../browser/browser-app.ts';
import { createTestClock, DIALECTS, openTestDatabase, PASSWORD, PERSONAS, SCHEMAS_DIR, seedTestData, startTestServer, type TestDatabase, type TestServer } from '../helpers/index.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;

async function logInAs(page: Page, url: string, email: string, next: string): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${url}${next}`), page.click('button:has-text("Log ind")')]);
}

/** The page is no wider than the window: nothing to scroll sideways at phone width. */
const overflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const dialect of DIALECTS) {
  describe.runIf(run)(`the structured round editor in Chromium [${dialect}]`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let browser: Browser;
    const clock = createTestClock('2026-01-10T09:00:00Z');

    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      const registry = await loadRounds(SCHEMAS_DIR);
      await seedTestData({ db: database.db, registry, clock: clock.now });
      server = await startTestServer({ db: database.db, registry, clock: clock.now, config: { schemasDir: SCHEMAS_DIR } });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await database?.destroy();
    });

    it('an admin adds a question to the contact list: checked, shown, saved, and the preview asks it', async () => {
      const url = server.url;
      const shot = (name: string) => `redigering-${name}${dialect === 'sqlite' ? '' : `-${dialect}`}`;
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(String(e)));

      await logInAs(page, url, PERSONAS.admin.email, '/admin/runder');
      await page.selectOption('#kopi-fra', '2025');
      await page.fill('#kopi-til', '2026');
      await Promise.all([page.waitForURL(`${url}/admin/runder/2026?kopieret=1`), page.click('button:has-text("Kopiér runden")')]);
      await Promise.all([page.waitForURL(`${url}/admin/runder/2026/rediger`), page.click('a:has-text("Redigér runden")')]);
      await checkPage(page, shot('side'));

      await page.selectOption('#sp-gruppe', 'kontaktliste|');
      await page.fill('#sp-titel', 'Kontaktpersonens stilling');
      await page.fill('#sp-titel-en', 'Job title');
      await page.fill('#sp-noegle', 'stilling');
      await page.selectOption('#sp-type', 'valg');
      await page.fill('#sp-muligheder', 'Direktør\nChef\nMedarbejder');
      await page.fill('#sp-efter', 'navn');
      await page.check('#sp-obligatorisk');
      await Promise.all([page.waitForLoadState('load'), page.locator('#sporgsmaal-titel + form button[type=submit]').click()]);
      const check = await page.textContent('main');
      expect(check).toContain('Kontrol af ændringen');
      expect(check).toContain('Spørgsmålet "Kontaktpersonens stilling" (stilling) er tilføjet til kontaktliste som obligatorisk.');
      expect(check).toContain('Ændringen giver ingen nye fejl i runden.');
      await checkPage(page, shot('kontrol'));
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await checkPage(page, shot('kontrol-375'));
      await page.setViewportSize({ width: 1280, height: 1000 });

      await Promise.all([page.waitForURL(`${url}/admin/runder/2026/rediger?gemt=1`), page.click('button:has-text("Gem ændringen")')]);
      expect(await page.textContent('main')).toContain('Ændringen er gemt.');

      // The file editor's preview renders the draft's contact list with the new question, after the name.
      await page.goto(`${url}/admin/runder/2026/filer/kontaktliste.schema.json`);
      const preview = await page.textContent('main');
      expect(preview).toContain('Kontaktpersonens stilling');
      expect(preview).toContain('Medarbejder');
      const form = (await page.locator('main form').last().textContent()) ?? '';
      expect(form.indexOf('Kontaktpersonens stilling')).toBeGreaterThan(form.indexOf('Kontaktpersonens navn'));
      expect(form.indexOf('Kontaktpersonens navn')).toBeGreaterThanOrEqual(0);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}
