import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN, SCREENSHOTS } from '../browser/browser-app.ts';
import { createTestClock, openTestDatabase, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestDatabase, type TestServer } from '../helpers/index.ts';
import { seedBoardStates } from './board-fixture.ts';
import { filledContactSheet, rowOf } from './contact-sheet.ts';

explainMissingBrowser();

describe.runIf(HAS_CHROMIUM || MUST_RUN)('the ministry\'s pages in Chromium', () => {
  let db: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let pendingLink: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    db = await openTestDatabase('sqlite');
    const registry = await testRegistry();
    const clock = createTestClock('2024-04-02T09:00:00Z');
    const deps = { db: db.db, registry, clock: clock.now };
    const personas = await seedTestData(deps);
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-data-'));
    ({ pendingLink } = await seedBoardStates(deps, personas, path.join(dataDir, 'udbakke')));
    server = await startTestServer({ db: db.db, registry, clock: clock.now, config: { dataDir } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await (await browser.newContext()).newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/admin/runde/2024')}`);
    await page.fill('#email', PERSONAS.admin.email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/admin/runde/2024`), page.click('button:has-text("Log ind")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the board has no axe violations, filtered or not, and runs no user-written script', async () => {
    await checkPage(page, 'admin-oversigt');
    expect(await page.locator('caption').innerText()).toContain('Kommuner (98)');
    await page.selectOption('#status', 'kontaktperson');
    await Promise.all([page.waitForURL(/status=kontaktperson/), page.click('button:has-text("Filtrér")')]);
    expect(await page.locator('tbody tr').count()).toBe(2);
    await checkPage(page, 'admin-oversigt-filtreret');
    expect(dialogs).toEqual([]);
  });

  it('a municipality\'s page has no axe violations, also with errors shown', async () => {
    await page.goto(`${server.url}/admin/runde/2024/respondent/0159`);
    await checkPage(page, 'admin-kommune');
    await page.fill('#email', 'ikke en e-mail');
    await page.click('button:has-text("Gem kontaktperson")');
    expect(await page.locator('.alert-error').innerText()).toContain('Kontaktpersonens e-mail');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'admin-kommune-fejl');
  });

  it('grants a municipality a deadline extension from its page, refusing a date inside the deadline, with an audit entry', async () => {
    await page.goto(`${server.url}/admin/runde/2024/respondent/0159`);
    const field = page.locator('#frist-maaltal');
    expect(await page.locator('#frist').count()).toBe(1);
    expect(await page.locator('form:has(#frist-maaltal)').innerText()).toContain('Frist: 31. maj 2024');
    await field.fill('2024-05-15');
    await page.locator('form:has(#frist-maaltal) button').click();
    await page.waitForSelector('#frist-maaltal-error');
    expect(await page.textContent('#frist-maaltal-error')).toContain('Den nye frist skal ligge efter fristen, 31. maj 2024.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-module="error-summary"] a[href="#frist-maaltal"]').count()).toBe(1);
    await checkPage(page, 'admin-kommune-frist-fejl');
    await page.fill('#frist-maaltal', '2024-06-30');
    await page.fill('#frist-maaltal-begrundelse', 'Ny kommunaldirektør');
    await Promise.all([page.waitForURL(/besked=frist-forlaenget/), page.locator('form:has(#frist-maaltal) button').click()]);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Fristen er forlænget');
    expect(await page.locator('form:has(#frist-maaltal)').innerText()).toContain('Forlænget til 30. juni 2024 (Ny kommunaldirektør)');
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, 'admin-kommune-frist-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 720 });
    const audit = await db.db.selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'extension.granted').execute();
    expect(audit.map((a) => JSON.parse(String(a.data)) as unknown)).toContainEqual({ roundId: '2024', formName: 'maaltal', until: '2024-06-30' });
  });

  it('invites a municipality in one action, its region taken from the round\'s table', async () => {
    await page.goto(`${server.url}/admin/runde/2024/respondent/0161`);
    expect(await page.locator('#regionskode').inputValue()).toBe('1084');
    expect(await page.locator('#kontaktperson ~ form, section:has(#kontaktperson)').first().innerText()).toContain('Region Hovedstaden');
    await page.fill('#navn', 'Gitte Glostrup');
    await page.fill('#email', 'gitte@glostrup.dk');
    await Promise.all([page.waitForURL(/besked=inviteret/), page.click('button:has-text("Gem og send login")')]);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Kontaktpersonen er gemt, og login er sendt til den.');
    expect(await page.locator('section:has(#login)').innerText()).toContain('Sendt, adgangskode ikke valgt endnu');
    expect(await page.locator('section:has(#login)').innerText()).toContain('gitte@glostrup.dk');
    expect(await page.locator('section:has(#mails)').innerText()).toContain('gitte@glostrup.dk');
    await checkPage(page, 'admin-kommune-inviteret');
  });

  it('creates an analyst on the users page, who can log in with the one-time password shown once', async () => {
    await page.goto(`${server.url}/admin/runde/2024`);
    await Promise.all([page.waitForURL(/\/admin\/brugere$/), page.getByRole('link', { name: 'Brugere' }).click()]);
    await checkPage(page, 'admin-brugere');
    await page.fill('#navn', 'Ane Analytiker');
    await page.fill('#email', 'ikke en e-mail');
    await page.click('button:has-text("Opret bruger")');
    expect(await page.locator('[data-module="error-summary"]').innerText()).toContain('Skriv en gyldig e-mailadresse');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'admin-brugere-fejl');
    await page.fill('#email', 'ane@lige.dk');
    await page.check('#role-analyst');
    await page.click('button:has-text("Opret bruger")');
    const notice = await page.locator('[role="status"]').first().innerText();
    const password = /Engangsadgangskoden er (\S+)/.exec(notice)?.[1];
    expect(password, notice).toBeTruthy();
    expect(await page.locator('section:has(#konti)').innerText()).toContain('ane@lige.dk');
    expect(await page.locator('section:has(#konti)').innerText()).toContain('Analytiker (har ikke valgt adgangskode)');
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, 'admin-brugere-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 720 });
    // The password is in no address, so a reload shows the page without it.
    expect(page.url()).not.toContain(password!);
    const other = await browser.newContext();
    const analyst = await other.newPage();
    await analyst.goto(`${server.url}/login`);
    await analyst.fill('#email', 'ane@lige.dk');
    await analyst.fill('#password', password!);
    await Promise.all([analyst.waitForURL((u) => !u.pathname.startsWith('/login')), analyst.click('button:has-text("Log ind")')]);
    await other.close();
    const audit = await db.db.selectFrom('audit_log').select('action').where('action', '=', 'user.created').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('makes a fresh set-password link to copy when the mail never came, reached from the outbox', async () => {
    await page.goto(`${server.url}/admin/udbakke`);
    await Promise.all([page.waitForURL(/\/respondent\/0161#login$/), page.getByRole('link', { name: 'Nyt login til Glostrup' }).first().click()]);
    await page.click('button:has-text("Nyt login med link at kopiere")');
    const link = await page.inputValue('#nyt-link');
    expect(link).toMatch(/\/adgang\/[\w-]+$/);
    expect(await page.locator('section:has(#mails)').innerText()).toContain('Sendt');
    await checkPage(page, 'admin-kommune-nyt-link');
    const anonContext = await browser.newContext();
    const anon = await anonContext.newPage();
    await anon.goto(new URL(new URL(link).pathname, server.url).href);
    expect(await anon.locator('h1').innerText()).toContain('adgangskode');
    await anonContext.close();
  });

  it('uploads a contact list through the page, shows its errors without axe violations, and imports the valid rows on request', async () => {
    await page.goto(`${server.url}/admin/runde/2024/kontakter`);
    await checkPage(page, 'admin-kontakter');
    const registry = await testRegistry();
    const bytes = await filledContactSheet(registry, (sheet) => {
      sheet.getRow(rowOf(sheet, '0161')).getCell('E').value = 'glostrup';
      sheet.getRow(rowOf(sheet, '0163')).getCell('C').value = 'Region Syddanmark';
      sheet.getRow(rowOf(sheet, '0165')).getCell('D').value = null;
    });
    await page.setInputFiles('#fil', { name: 'kontakter.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await Promise.all([page.waitForURL(/\/kontakter\/import\//), page.click('button:has-text("Upload og kontrollér")')]);
    expect((await page.locator('h2.alert-heading').innerText()).trim()).toBe('Intet er importeret');
    expect(await page.locator('table tbody tr').count()).toBe(3);
    await checkPage(page, 'admin-import-fejl');
    await page.click('button:has-text("Importér de 95 gyldige rækker")');
    expect(await page.locator('[role=status]').first().innerText()).toContain('95 kontaktpersoner er importeret');
    await checkPage(page, 'admin-import-importeret');
  });

  it('uploads the contact list with JavaScript turned off, and refuses an empty choice on a page of its own', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/admin/runde/2024/kontakter`);
    await Promise.all([plain.waitForURL(/\/kontakter\/upload$/), plain.click('button:has-text("Upload og kontrollér")')]);
    expect((await plain.locator('h1').innerText()).trim()).toBe('Filen blev ikke uploadet');
    expect(await plain.locator('main').innerText()).toContain('Vælg den udfyldte kontaktliste');
    // No axe here: it runs as script, which this context refuses; both pages are the components the
    // test above checks with axe (the message page and the import page).
    await plain.screenshot({ path: path.join(SCREENSHOTS, 'admin-kontakter-uden-js-fejl.png'), fullPage: true });
    await plain.goto(`${server.url}/admin/runde/2024/kontakter`);
    const registry = await testRegistry();
    const bytes = await filledContactSheet(registry, (sheet) => {
      sheet.getRow(rowOf(sheet, '0161')).getCell('E').value = 'ikke en e-mail';
    });
    await plain.setInputFiles('#fil', { name: 'kontakter-uden-js.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await Promise.all([plain.waitForURL(/\/kontakter\/import\//), plain.click('button:has-text("Upload og kontrollér")')]);
    expect((await plain.locator('h2.alert-heading').innerText()).trim()).toBe('Intet er importeret');
    expect(await plain.locator('table tbody tr').count()).toBe(1);
    await plain.screenshot({ path: path.join(SCREENSHOTS, 'admin-import-uden-js.png'), fullPage: true });
    await context.close();
  });

  it('the outbox and a mail have no axe violations, and the outbox fits 375 px', async () => {
    await page.goto(`${server.url}/admin/udbakke`);
    await checkPage(page, 'admin-udbakke');
    await page.setViewportSize({ width: 375, height: 800 });
    await checkPage(page, 'admin-udbakke-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('a[href^="/admin/udbakke/mail/"]').first().click();
    expect(await page.locator('h1').innerText()).toContain('Login til indberetning');
    await checkPage(page, 'admin-mail');
  });

  it('the set-password page a mailed link opens has no axe violations', async () => {
    const anonContext = await browser.newContext();
    const anon = await anonContext.newPage();
    await anon.goto(`${server.url}${pendingLink}`);
    expect((await anon.locator('h1').innerText()).trim()).toBe('Vælg adgangskode');
    await checkPage(anon, 'adgang');
    await anonContext.close();
  });
});
