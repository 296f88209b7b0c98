/**
 * The whole life of one municipality's report in the 2024 round, in Chromium, as the people do it:
 * the ministry sets Gentofte's contact and sends its login, the contact chooses a password from the
 * mailed link, fills in every step, makes errors and fixes them, saves, reloads (the answers are
 * kept), submits and downloads the receipt PDF (its text read by pdftotext); the ministry reopens the
 * report, the contact corrects and submits it again; the analyst reads the reports, the ministry
 * publishes once the round has closed, and the public opens the publication and downloads the table
 * as CSV and XLSX, which are read back. Every page the journey opens is checked by axe (WCAG 2.1
 * A/AA) at 1280 px and at 375 px width, with no horizontal scrolling at either. When a step fails,
 * a screenshot of every open page is written to test-results/screenshots/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRawMail } from '../../engine/mail/index.ts';
import { PASSWORD, PERSONAS } from '../helpers/index.ts';
import { explainMissingBrowser, HAS_CHROMIUM, MUST_RUN, SCREENSHOTS, startBrowserApp, type BrowserApp } from './browser-app.ts';

explainMissingBrowser();

const FORM = '/indberetning/2024/maaltal';
/** A municipality with one management unit and no account before the journey. */
const MUNICIPALITY = { code: '0157', name: 'Gentofte' };
const CONTACT = { name: 'Gitte Gentofte', email: 'gitte@gentofte.dk', password: 'måltal for ledelsen hvert eneste forår' };
const FIRST_ACTIONS = 'Begge køn på alle shortlister.';
const CORRECTED_ACTIONS = 'Begge køn på alle shortlister og i alle ansættelsesudvalg.';
const PDFTOTEXT = '/usr/bin/pdftotext';
const squash = (s: string) => s.replace(/\s+/g, '');

/** The text of a PDF as poppler's pdftotext reads it. */
async function pdftotext(pdf: Buffer, dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)(PDFTOTEXT, ['-enc', 'UTF-8', file, '-']);
  return stdout;
}

describe.runIf(HAS_CHROMIUM || MUST_RUN)('the 2024 round from invitation to publication, in Chromium [sqlite]', () => {
  let app: BrowserApp;
  let dataDir: string;
  let url: string;
  let admin: BrowserContext;
  let respondent: BrowserContext;
  /** Every page opened, for the screenshots of a failed step. */
  const pages: Page[] = [];
  /** Every page checked, by name, so none is checked twice. */
  const checked = new Set<string>();
  const pageErrors: string[] = [];

  const open = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${String(e)}`));
    pages.push(page);
    return page;
  };

  /** axe (WCAG 2.1 A/AA) and no horizontal scrolling, at 1280 px and at 375 px. */
  const checkPage = async (page: Page, name: string): Promise<void> => {
    expect(checked.has(name), `${name} er tjekket før`).toBe(false);
    checked.add(name);
    const before = page.viewportSize() ?? { width: 1280, height: 900 };
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `vandret rulning på ${name} ved ${width} px`).toBeLessThanOrEqual(0);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(found, `axe på ${name} ved ${width} px`).toEqual([]);
    }
    await page.setViewportSize(before);
  };

  const logIn = async (context: BrowserContext, email: string, password: string, next: string): Promise<Page> => {
    const page = await open(context);
    await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button:has-text("Log ind")')]);
    return page;
  };

  const respondentPage = (): Page => respondent.pages()[0]!;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-hele-rejsen-'));
    app = await startBrowserApp('sqlite', { dataDir });
    url = app.server.url;
    admin = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    respondent = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 120_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const slug = ctx.task.name.replace(/[^a-z0-9æøå]+/gi, '-').slice(0, 60);
    for (const [i, page] of pages.entries()) {
      if (page.isClosed()) continue;
      await page.screenshot({ path: path.join(SCREENSHOTS, `hele-rejsen--${slug}--${i}.png`), fullPage: true }).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the ministry sets the contact and sends the login', async () => {
    const page = await logIn(admin, PERSONAS.admin.email, PASSWORD, `/admin/runde/2024/respondent/${MUNICIPALITY.code}`);
    expect(new URL(page.url()).pathname).toBe(`/admin/runde/2024/respondent/${MUNICIPALITY.code}`);
    expect(await page.locator('h1').innerText()).toBe(MUNICIPALITY.name);
    await checkPage(page, 'admin-kommune');
    await page.fill('#navn', CONTACT.name);
    await page.fill('#email', CONTACT.email);
    await Promise.all([page.waitForURL(/besked=inviteret/), page.click('button:has-text("Gem og send login")')]);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('login er sendt');
    expect(await page.locator('section:has(#login)').innerText()).toContain(CONTACT.email);
    await checkPage(page, 'admin-kommune-inviteret');
  }, 120_000);

  it('the contact chooses a password from the mailed link', async () => {
    const outbox = path.join(dataDir, 'udbakke');
    const mails = await Promise.all((await readdir(outbox)).map(async (name) => parseRawMail(await readFile(path.join(outbox, name), 'utf8'))));
    const mail = mails.find((m) => m.text.includes(CONTACT.name));
    expect(mail, 'login-mailen til kontaktpersonen').toBeDefined();
    expect(mail!.text).toContain(MUNICIPALITY.name);
    const link = /\/adgang\/[A-Za-z0-9_-]+/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();

    const page = await open(respondent);
    await page.goto(`${url}${link!}`);
    expect((await page.locator('h1').innerText()).trim()).toBe('Vælg adgangskode');
    await checkPage(page, 'vaelg-adgangskode');
    // A repeat that differs is refused, and so is a password holding the contact's name (which the
    // first login would otherwise call weak and ask to change at once); nothing is set.
    for (const [password, repeat] of [
      [CONTACT.password, `${CONTACT.password}!`],
      ['gitte gentofte indberetter måltal', 'gitte gentofte indberetter måltal'],
    ] as const) {
      await page.fill('#password', password);
      await page.fill('#repeat', repeat);
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 400), page.click('button:has-text("Gem adgangskode og log ind")')]);
      expect(new URL(page.url()).pathname).toBe(link);
      expect((await page.locator('h1').innerText()).trim()).toBe('Vælg adgangskode');
    }
    await checkPage(page, 'vaelg-adgangskode-fejl');
    await page.fill('#password', CONTACT.password);
    await page.fill('#repeat', CONTACT.password);
    await Promise.all([page.waitForURL(`${url}/`), page.click('button:has-text("Gem adgangskode og log ind")')]);
    expect(await page.textContent('main')).toContain(MUNICIPALITY.name);
    await checkPage(page, 'hjem');
  }, 120_000);

  it('the contact fills in every step, makes errors and fixes them, saves and reloads with the answers kept', async () => {
    const page = respondentPage();
    await Promise.all([page.waitForURL(/\/trin\/1$/), page.locator(`a[href="${FORM}"]`).first().click()]);
    await page.waitForSelector('.indberet-form[data-ready]');
    await checkPage(page, 'trin-1-tomt');

    const u = '#root_enheder_0';
    await page.fill(`${u}_niveau1_kvinder`, '0');
    await page.fill(`${u}_niveau1_maend`, '1');
    await page.fill(`${u}_niveau2_kvinder`, '1');
    await page.fill(`${u}_niveau2_maend`, '4');
    await expect.poll(() => page.textContent(`${u}_andelKvinder`)).toBe('16,7');
    await page.check(`${u}_maaltal_fastsat-0`);
    await page.check(`${u}_maaltal_koen-0`);
    await page.fill(`${u}_maaltal_andel`, '40');
    await page.fill(`${u}_maaltal_aar`, '2035');
    await page.check(`${u}_politik_findes-0`);
    await page.fill(`${u}_politik_indhold`, 'Rekruttering med kønsbalancerede ansøgerfelter.');
    await page.check(`${u}_tidligereMaal_status-0`);

    // Errors: the summary names what is missing, the year beyond the horizon is named at its field.
    await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
    const summary = page.locator('[data-module="error-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('«Måltal som antal personer» skal udfyldes.');
    expect(await summary.textContent()).toContain('«Konkrete handlinger» skal udfyldes.');
    expect(page.url()).toMatch(/\/trin\/1$/);
    await checkPage(page, 'trin-1-fejl');
    await page.fill(`${u}_maaltal_antal`, '2');
    await expect.poll(() => page.locator(`${u}_maaltal_aar__error`).textContent()).toContain('Målåret skal ligge fra 2024 til 2028.');
    await page.fill(`${u}_maaltal_aar`, '2026');
    await page.fill(`${u}_politik_handlinger`, FIRST_ACTIONS);
    await expect.poll(() => page.locator('.form-error-message').count()).toBe(0);
    await Promise.all([page.waitForURL(/\/trin\/2$/), page.getByRole('button', { name: 'Gem og fortsæt' }).click()]);
    await page.waitForSelector('.indberet-form[data-ready]');

    // The contact step: an e-mail that is not one is refused before moving on.
    await page.fill('#root_kontakt_navn', CONTACT.name);
    await page.fill('#root_kontakt_email', 'gitte-ved-gentofte');
    await page.getByRole('button', { name: 'Gem og gennemse' }).click();
    await summary.waitFor();
    expect(page.url()).toMatch(/\/trin\/2$/);
    await checkPage(page, 'trin-2-fejl');
    // Typed and left, as a person would: the draft is saved on its own.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/submission') && r.status() === 200),
      page.fill('#root_kontakt_email', CONTACT.email).then(() => page.press('#root_kontakt_email', 'Tab')),
    ]);
    await expect.poll(() => page.locator('.form-error-message').count()).toBe(0);
    await checkPage(page, 'trin-2');

    // Reloaded, both steps hold what was typed.
    await page.reload();
    await page.waitForSelector('.indberet-form[data-ready]');
    expect(await page.inputValue('#root_kontakt_navn')).toBe(CONTACT.name);
    expect(await page.inputValue('#root_kontakt_email')).toBe(CONTACT.email);
    await page.goto(`${url}${FORM}/trin/1`);
    await page.waitForSelector('.indberet-form[data-ready]');
    expect(await page.inputValue(`${u}_niveau2_maend`)).toBe('4');
    expect(await page.inputValue(`${u}_maaltal_aar`)).toBe('2026');
    expect(await page.inputValue(`${u}_politik_handlinger`)).toBe(FIRST_ACTIONS);
    await checkPage(page, 'trin-1-genindlaest');
  }, 240_000);

  it('the contact submits and downloads the receipt PDF', async () => {
    const page = respondentPage();
    await page.goto(`${url}${FORM}/gennemse`);
    const review = (await page.textContent('main')) ?? '';
    for (const text of [MUNICIPALITY.name, '16,7', '2026', FIRST_ACTIONS, CONTACT.email]) expect(review).toContain(text);
    await checkPage(page, 'gennemse');
    await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
    expect(await page.textContent('main')).toContain('Indberetningen er modtaget');
    await checkPage(page, 'kvittering');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent kvittering som PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`kvittering-${MUNICIPALITY.code}-maaltal.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = squash(await pdftotext(pdf, dataDir, 'kvittering-1'));
    for (const t of ['Kvittering for indberetning', MUNICIPALITY.name, 'Modtaget 1. maj 2024', 'Måltal som andel (procent)40', 'År hvor måltallet skal være nået2026', FIRST_ACTIONS, CONTACT.name]) {
      expect(text).toContain(squash(t));
    }
  }, 120_000);

  it('the ministry reopens the report', async () => {
    const page = admin.pages()[0]!;
    await page.goto(`${url}/admin/runde/2024/respondent/${MUNICIPALITY.code}`);
    expect(await page.locator('section:has(#genaabn)').innerText()).toContain('Indberetning af måltal og politik');
    await checkPage(page, 'admin-kommune-indsendt');
    await page.fill('#genaabn-maaltal-begrundelse', 'Kommunen vil rette de konkrete handlinger.');
    await Promise.all([page.waitForURL(/besked=genaabnet/), page.click('button:has-text("Genåbn indberetningen")')]);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Indberetningen er genåbnet');
    expect(await page.locator('#genaabn').count()).toBe(0);
    expect(await page.textContent('main')).toContain('Genåbnet');
    await checkPage(page, 'admin-kommune-genaabnet');
    await page.goto(`${url}/admin/runde/2024`);
    expect(await page.locator('tbody tr', { hasText: MUNICIPALITY.name }).innerText()).toContain('Genåbnet');
    await checkPage(page, 'admin-tavle');
  }, 120_000);

  it('the contact corrects the report and submits it again', async () => {
    const page = respondentPage();
    await page.goto(`${url}/`);
    expect(await page.textContent('main')).toContain('Genåbnet');
    await checkPage(page, 'hjem-genaabnet');
    await Promise.all([page.waitForURL(/\/trin\/1$/), page.locator(`a[href="${FORM}"]`).first().click()]);
    await page.waitForSelector('.indberet-form[data-ready]');
    expect(await page.inputValue('#root_enheder_0_politik_handlinger')).toBe(FIRST_ACTIONS);
    await page.fill('#root_enheder_0_politik_handlinger', CORRECTED_ACTIONS);
    await Promise.all([page.waitForURL(/\/trin\/2$/), page.getByRole('button', { name: 'Gem og fortsæt' }).click()]);
    await page.waitForSelector('.indberet-form[data-ready]');
    await Promise.all([page.waitForURL(/\/gennemse$/), page.getByRole('button', { name: 'Gem og gennemse' }).click()]);
    expect(await page.textContent('main')).toContain(CORRECTED_ACTIONS);
    await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
    const receipt = (await page.textContent('main')) ?? '';
    expect(receipt).toContain('Indberetningen er modtaget');
    expect(receipt).toContain(CORRECTED_ACTIONS);
    expect(receipt).not.toContain(FIRST_ACTIONS);
    const pdf = await page.request.get(`${url}${FORM}/kvittering.pdf`);
    const text = squash(await pdftotext(await pdf.body(), dataDir, 'kvittering-2'));
    expect(text).toContain(squash(CORRECTED_ACTIONS));
    expect(text).not.toContain(squash(FIRST_ACTIONS));
  }, 180_000);

  it('the analyst reads the reports before the round closes', async () => {
    const analyst = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await logIn(analyst, PERSONAS.analyst.email, PASSWORD, '/rapporter/2024');
    expect(new URL(page.url()).pathname).toBe('/rapporter/2024');
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('1 indberetninger er indsendt');
    expect(main).toContain('Kun ministeriets administratorer kan offentliggøre.');
    await checkPage(page, 'rapporter-analytiker');
    await page.goto(`${url}/rapporter/2024/tabel`);
    const row = await page.locator('main table').first().locator('tbody tr', { hasText: MUNICIPALITY.name }).first().innerText();
    expect(row).toContain('16,7');
    await checkPage(page, 'rapporter-tabel');
    await page.goto(`${url}/rapporter/2024/notat`);
    await checkPage(page, 'rapporter-notat');
    await analyst.close();
  }, 180_000);

  it('the ministry publishes once the round has closed, and the public downloads the table as CSV and XLSX', async () => {
    // The round closes at the end of 31 May in Copenhagen; sessions last 12 hours, so log in anew.
    app.clock.set('2024-06-03T08:00:00Z');
    await admin.clearCookies();
    const page = await logIn(admin, PERSONAS.admin.email, PASSWORD, '/rapporter/2024');
    expect(await page.textContent('main')).toContain('Runden er lukket');
    await Promise.all([page.waitForURL(`${url}/rapporter/2024`), page.locator('button', { hasText: 'Offentliggør' }).click()]);
    expect(await page.textContent('main')).toContain('/offentlig/2024');
    await checkPage(page, 'rapporter-offentliggjort');

    const anonymous = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const pub = await open(anonymous);
    expect((await pub.goto(`${url}/offentlig/2024`))?.status()).toBe(200);
    await checkPage(pub, 'offentlig');
    await pub.goto(`${url}/offentlig/2024/tabel`);
    expect(await pub.textContent('main')).toContain(MUNICIPALITY.name);
    await checkPage(pub, 'offentlig-tabel');
    await pub.goto(`${url}/offentlig/2024/notat`);
    await checkPage(pub, 'offentlig-notat');

    await pub.goto(`${url}/offentlig/2024`);
    const item = pub.locator('li', { hasText: 'Alle indberetninger' });
    const [csvDownload] = await Promise.all([pub.waitForEvent('download'), item.getByRole('link', { name: 'CSV', exact: true }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('tabel-2024.csv');
    const csv = (await readFile((await csvDownload.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
    const gentofte = lines.filter((l) => l.includes(MUNICIPALITY.name));
    expect(gentofte.length).toBeGreaterThan(0);
    expect(gentofte.join('\n')).toContain(CORRECTED_ACTIONS);
    expect(csv).not.toContain(FIRST_ACTIONS);
    // Every municipality has a row, reported or not.
    expect(lines.length).toBeGreaterThanOrEqual(99);

    const [xlsxDownload] = await Promise.all([pub.waitForEvent('download'), item.getByRole('link', { name: 'Excel', exact: true }).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe('tabel-2024.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await xlsxDownload.path())!)) as unknown as ExcelJS.Buffer);
    const cells: string[][] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))))));
    const xlsxRows = cells.filter((r) => r.includes(MUNICIPALITY.name));
    expect(xlsxRows.length).toBeGreaterThan(0);
    expect(xlsxRows.flat()).toContain(CORRECTED_ACTIONS);
    expect(cells.flat()).not.toContain(FIRST_ACTIONS);
    expect(cells.length).toBeGreaterThanOrEqual(99);
    await anonymous.close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
