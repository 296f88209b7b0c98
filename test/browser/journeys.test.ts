import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/index.ts';
import { checkPage, explainMissingBrowser, HAS_CHROMIUM, logIn, MUST_RUN, RESPONDENTS, SCREENSHOTS, startBrowserApp, type BrowserApp } from './browser-app.ts';
import { pdfText } from './pdf-text.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;
const squash = (s: string) => s.replace(/\s+/g, '');

async function openForm(page: Page, url: string): Promise<void> {
  // The home page lists 2025 and 2024, newest first; these journeys are 2024's.
  const sections = page.locator('section', { hasText: 'Indberetning af måltal og politik' });
  expect(await sections.count()).toBe(2);
  expect(await sections.first().locator('a[href="/indberetning/2025/maaltal"]').count()).toBe(1);
  await Promise.all([page.waitForURL(/\/trin\/1$/), sections.locator('a[href="/indberetning/2024/maaltal"]').click()]);
  await page.waitForSelector('.indberet-form[data-ready]');
  expect(page.url()).toBe(`${url}/indberetning/2024/maaltal/trin/1`);
}

async function fillLevels(page: Page, unit: number, [k1, m1, k2, m2]: [number, number, number, number]): Promise<void> {
  const id = `#root_enheder_${unit}`;
  await page.fill(`${id}_niveau1_kvinder`, String(k1));
  await page.fill(`${id}_niveau1_maend`, String(m1));
  await page.fill(`${id}_niveau2_kvinder`, String(k2));
  await page.fill(`${id}_niveau2_maend`, String(m2));
}

async function next(page: Page, label: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.getByRole('button', { name: label }).click()]);
}

async function fillContact(page: Page, navn: string, email: string): Promise<void> {
  await page.waitForSelector('.indberet-form[data-ready]');
  await page.fill('#root_kontakt_navn', navn);
  await page.fill('#root_kontakt_email', email);
}

for (const dialect of DIALECTS) {
  describe.runIf(run)(`the municipality's form in Chromium [${dialect}]`, () => {
    let app: BrowserApp;
    beforeAll(async () => {
      app = await startBrowserApp(dialect);
    });
    afterAll(async () => {
      await app?.close();
    });

    // The long journeys run once, on SQLite; PostgreSQL runs the short one to show the pages work there too.
    // The first takes 30-90 s on the shared two-core machine, where the default minute is not enough.
    if (dialect === 'sqlite') it('Frederiksberg (not equal) fills in, sees inline errors, fixes them, submits and gets the receipt PDF', async () => {
      const url = app.server.url;
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));

      // Login, with axe and a screenshot.
      const first = await page.goto(`${url}/`);
      expect(page.url()).toBe(`${url}/login`);
      expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
      await checkPage(page, 'login');
      await logIn(page, url, RESPONDENTS.frederiksberg);
      await expect.poll(() => page.textContent('main')).toContain('31. maj 2024');
      await checkPage(page, 'hjem');

      // The empty form.
      await openForm(page, url);
      const csp = (await page.request.get(page.url())).headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(await page.locator('#root_enheder_0_maaltal_fastsat').count()).toBe(0);
      await checkPage(page, 'skema-tomt');

      // Figures that are not equal: the share and the verdict appear live, and so does the target.
      await fillLevels(page, 0, [0, 1, 1, 4]);
      await expect.poll(() => page.textContent('#root_enheder_0_andelKvinder')).toBe('16,7');
      expect(await page.textContent('#root_enheder_0_ligelig')).toBe('Nej');
      expect(await page.textContent('#root_enheder_0_underrepraesenteretKoen')).toBe('Kvinder');
      await page.check('#root_enheder_0_maaltal_fastsat-0');
      await page.check('#root_enheder_0_maaltal_koen-0');
      await page.fill('#root_enheder_0_maaltal_andel', '40');
      await page.fill('#root_enheder_0_maaltal_aar', '2035');
      await page.check('#root_enheder_0_politik_findes-0');
      await page.fill('#root_enheder_0_politik_indhold', 'Rekruttering med kønsbalancerede ansøgerfelter.');
      await page.check('#root_enheder_0_tidligereMaal_status-0');

      // Moving on with errors: a summary in focus, each message at its field.
      await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
      const summary = page.locator('[data-module="error-summary"]');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('«Måltal som antal personer» skal udfyldes.');
      expect(await summary.textContent()).toContain('«Konkrete handlinger» skal udfyldes.');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.module)).toBe('error-summary');
      const antal = page.locator('#root_enheder_0_maaltal_antal');
      expect(await antal.getAttribute('aria-invalid')).toBe('true');
      expect(await antal.getAttribute('aria-describedby')).toContain('root_enheder_0_maaltal_antal__error');
      expect(await page.textContent('#root_enheder_0_maaltal_antal__error')).toContain('skal udfyldes');
      expect(page.url()).toMatch(/\/trin\/1$/);
      await checkPage(page, 'skema-med-fejl');
      await page.click('[data-module="error-summary"] a[href="#root_enheder_0_maaltal_antal"]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('root_enheder_0_maaltal_antal');

      // The server judges too: the review lists the saved draft's problems, and its links open the
      // step with the server's messages at the fields and in the summary.
      await page.goto(`${url}/indberetning/2024/maaltal/gennemse`);
      expect(await page.locator('button', { hasText: 'Indsend indberetning' }).count()).toBe(0);
      await Promise.all([page.waitForURL(/trin\/1\?fejl=1/), page.locator('[data-module="error-summary"] a').first().click()]);
      await page.waitForSelector('.indberet-form[data-ready]');
      expect(await page.textContent('[data-module="error-summary"]')).toContain('«Måltal som antal personer» skal udfyldes.');
      expect(await page.textContent('#root_enheder_0_politik_handlinger__error')).toContain('«Konkrete handlinger» skal udfyldes.');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.module)).toBe('error-summary');

      // Fixing updates the messages live: once the target is complete, its year is checked against
      // the round's horizon, and that message goes too when the year is fixed.
      await page.fill('#root_enheder_0_maaltal_antal', '2');
      await expect.poll(() => page.locator('#root_enheder_0_maaltal_aar__error').textContent()).toContain('Målåret skal ligge fra 2024 til 2028.');
      await page.fill('#root_enheder_0_maaltal_aar', '2026');
      await page.fill('#root_enheder_0_politik_handlinger', 'Begge køn på alle shortlister.');
      await expect.poll(() => page.locator('.form-error-message').count()).toBe(0);
      await next(page, 'Gem og fortsæt', /\/trin\/2$/);
      expect(await page.textContent('.indberet-autosave')).toBe('Gemt kl. 12:00');

      // Autosave after a pause; a second window saving first gives a conflict, never an overwrite.
      await fillContact(page, 'Kontakt Person', 'kontakt@frederiksberg.dk');
      await page.waitForResponse((r) => r.request().method() === 'PUT' && r.status() === 200);
      const other = await context.newPage();
      await other.goto(page.url());
      await other.waitForSelector('.indberet-form[data-ready]');
      await other.waitForLoadState('networkidle');
      // The wait is set before typing: on a loaded machine the save can answer before fill returns.
      // Typed and left, as a person would.
      await Promise.all([other.waitForResponse((r) => r.request().method() === 'PUT' && r.status() === 200), other.fill('#root_kontakt_telefon', '38 21 21 21').then(() => other.press('#root_kontakt_telefon', 'Tab'))]);
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'PUT' && r.status() === 409), page.fill('#root_kontakt_navn', 'Et andet navn').then(() => page.press('#root_kontakt_navn', 'Tab'))]);
      await expect.poll(() => page.textContent('main')).toContain('Indberetningen er ændret et andet sted');
      await other.close();
      await page.reload();
      await page.waitForSelector('.indberet-form[data-ready]');
      expect(await page.inputValue('#root_kontakt_navn')).toBe('Kontakt Person');
      expect(await page.inputValue('#root_kontakt_telefon')).toBe('38 21 21 21');

      // Review and submit.
      await next(page, 'Gem og gennemse', /\/gennemse$/);
      const review = (await page.textContent('main')) ?? '';
      for (const text of ['Ledelsesenhed 1', 'Frederiksberg', '16,7', 'Kvinder', '2026', 'Begge køn på alle shortlister.', 'kontakt@frederiksberg.dk']) expect(review).toContain(text);
      await checkPage(page, 'gennemse');
      await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
      const receipt = (await page.textContent('main')) ?? '';
      expect(receipt).toContain('Indberetningen er modtaget');
      expect(receipt).toContain('1. maj 2024 kl. 12:00');
      await checkPage(page, 'kvittering');

      // The PDF holds exactly what was submitted.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent kvittering som PDF' }).click()]);
      expect(download.suggestedFilename()).toBe('kvittering-0147-maaltal.pdf');
      const pdf = await page.request.get(`${url}/indberetning/2024/maaltal/kvittering.pdf`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      await writeFile(path.join(SCREENSHOTS, 'kvittering.pdf'), await pdf.body());
      const text = squash(pdfText(await pdf.body()));
      for (const t of [
        'Kvittering for indberetning',
        'Frederiksberg',
        'Modtaget 1. maj 2024 kl. 12:00',
        'Måltal som andel (procent)40',
        'Måltal som antal personer2',
        'År hvor måltallet skal være nået2026',
        'Rekruttering med kønsbalancerede ansøgerfelter.',
        'Begge køn på alle shortlister.',
        'Andel kvinder (procent)16,7',
        'Kontakt Person',
      ]) {
        expect(text).toContain(squash(t));
      }

      // A submitted report reads without JavaScript.
      const noJs = await app.browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
      const plain = await noJs.newPage();
      await plain.goto(`${url}/indberetning/2024/maaltal/kvittering`);
      expect(await plain.textContent('main')).toContain('Begge køn på alle shortlister.');
      await noJs.close();
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 180_000);

    if (dialect === 'sqlite') it('København reports three departments, adding and removing units', async () => {
      const url = app.server.url;
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await logIn(page, url, RESPONDENTS.koebenhavn);
      await openForm(page, url);
      const add = page.getByRole('button', { name: 'Tilføj forvaltning' });
      for (let i = 0; i < 3; i++) await add.click();
      await page.waitForSelector('#root_enheder_3_navn');
      await page.getByRole('button', { name: 'Fjern ledelsesenhed 4' }).click();
      await expect.poll(() => page.locator('#root_enheder_3_navn').count()).toBe(0);
      const units: Array<[string, [number, number, number, number]]> = [
        ['Økonomiforvaltningen', [0, 1, 1, 4]],
        ['Børne- og Ungdomsforvaltningen', [1, 0, 2, 2]],
        ['Teknik- og Miljøforvaltningen', [0, 1, 2, 2]],
      ];
      for (const [i, [navn, levels]] of units.entries()) {
        await page.fill(`#root_enheder_${i}_navn`, navn);
        await fillLevels(page, i, levels);
        await page.check(`#root_enheder_${i}_tidligereMaal_status-0`);
      }
      await expect.poll(() => page.textContent('#root_enheder_1_ligelig')).toBe('Ja');
      expect(await page.textContent('#root_enheder_2_ligelig')).toBe('Ja');
      expect(await page.locator('#root_enheder_1_maaltal_fastsat, #root_enheder_2_maaltal_fastsat, #root_enheder_1_politik_findes').count()).toBe(0);
      await page.check('#root_enheder_0_maaltal_fastsat-1');
      await page.fill('#root_enheder_0_maaltal_begrundelse', 'Direktionen er netop nybesat.');
      await page.check('#root_enheder_0_politik_findes-1');
      await page.fill('#root_enheder_0_politik_begrundelse', 'Politikken vedtages i efteråret.');
      await page.screenshot({ path: 'test-results/screenshots/koebenhavn-tre-forvaltninger.png', fullPage: true });
      await next(page, 'Gem og fortsæt', /\/trin\/2$/);
      await fillContact(page, 'Kontakt København', 'kontakt@kk.dk');
      await next(page, 'Gem og gennemse', /\/gennemse$/);
      const review = (await page.textContent('main')) ?? '';
      for (const [navn] of units) expect(review).toContain(navn);
      expect(review).toContain('Ledelsesenhed 3');
      await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
      const receipt = (await page.textContent('main')) ?? '';
      for (const [navn] of units) expect(receipt).toContain(navn);
      expect(receipt).toContain('Direktionen er netop nybesat.');
      await context.close();
    });

    it('Ballerup (equal composition) is never asked for a target or a policy', async () => {
      const url = app.server.url;
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await logIn(page, url, RESPONDENTS.ballerup);
      await openForm(page, url);
      const asked = () => page.locator('[id^="root_enheder_0_maaltal"], [id^="root_enheder_0_politik"]').count();
      expect(await asked()).toBe(0);
      await page.fill('#root_enheder_0_niveau1_kvinder', '1');
      await page.fill('#root_enheder_0_niveau1_maend', '0');
      expect(await asked()).toBe(0);
      await page.fill('#root_enheder_0_niveau2_kvinder', '1');
      await page.fill('#root_enheder_0_niveau2_maend', '2');
      await expect.poll(() => page.textContent('#root_enheder_0_ligelig')).toBe('Ja');
      expect(await asked()).toBe(0);
      await page.check('#root_enheder_0_tidligereMaal_status-1');
      await next(page, 'Gem og fortsæt', /\/trin\/2$/);
      await fillContact(page, 'Kontakt Ballerup', 'kontakt@ballerup.dk');
      await next(page, 'Gem og gennemse', /\/gennemse$/);
      expect(await page.textContent('main')).not.toContain('Måltal for det underrepræsenterede køn');
      await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
      const receipt = (await page.textContent('main')) ?? '';
      expect(receipt).toContain('Ligelig kønssammensætningJa');
      expect(receipt).not.toContain('Måltal for det underrepræsenterede køn');
      expect(receipt).not.toContain('Politik for at øge andelen');
      await context.close();
    });
  });
}
