import { sql, type Kysely } from 'kysely';
import { type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DialectName } from '../../engine/db/index.ts';
import { DIALECTS } from '../helpers/index.ts';
import { checkPage, explainMissingBrowser, HAS_CHROMIUM, logIn, MUST_RUN, RESPONDENTS, startBrowserApp, type BrowserApp } from './browser-app.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;
const DRAFT = '/api/rounds/2024/forms/maaltal/submission';
const STEP = '/indberetning/2024/maaltal/trin/1';
const FIELDS = ['#root_enheder_0_niveau1_kvinder', '#root_enheder_0_niveau1_maend', '#root_enheder_0_niveau2_kvinder', '#root_enheder_0_niveau2_maend'];

type Stored = { submission: { version: number; answers: { enheder?: Array<{ niveau1?: { kvinder?: number; maend?: number }; niveau2?: { kvinder?: number; maend?: number } }> } } };

async function stored(page: Page): Promise<Stored['submission']> {
  return ((await (await page.request.get(new URL(DRAFT, page.url()).href)).json()) as Stored).submission;
}

async function openStep(page: Page, url: string): Promise<void> {
  await page.goto(`${url}${STEP}`);
  await page.waitForSelector('.indberet-form[data-ready]');
}

async function reloadNow(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('.indberet-form[data-ready]');
}

async function values(page: Page): Promise<string[]> {
  return Promise.all(FIELDS.map((f) => page.inputValue(f)));
}

// The server fails every write to the answers (a keepalive request may bypass the browser's request
// routing, so the failure is made in the database, where no request escapes it).
async function refuseWrites(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER refuse_insert BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'nede'); END`.execute(db);
    await sql`CREATE TRIGGER refuse_update BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'nede'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'nede'; END $$`.execute(db);
  await sql`CREATE TRIGGER refuse_write BEFORE INSERT OR UPDATE ON submissions FOR EACH ROW EXECUTE FUNCTION refuse_write()`.execute(db);
}

async function allowWrites(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER refuse_insert`.execute(db);
    await sql`DROP TRIGGER refuse_update`.execute(db);
    return;
  }
  await sql`DROP TRIGGER refuse_write ON submissions`.execute(db);
  await sql`DROP FUNCTION refuse_write()`.execute(db);
}

for (const dialect of DIALECTS) describe.runIf(run)(`no typed answer is lost in Chromium [${dialect}]`, () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp(dialect);
  });
  /** A respondent's browser on the form's first step, with the page's script errors collected. */
  const openForm = async (respondent: (typeof RESPONDENTS)[keyof typeof RESPONDENTS], viewport = { width: 1280, height: 900 }) => {
    const url = app.server.url;
    const context = await app.browser.newContext({ viewport });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await logIn(page, url, respondent);
    await openStep(page, url);
    return { url, context, page, pageErrors };
  };
  afterAll(async () => {
    await app?.close();
  });

  it('keeps five answers typed and reloaded at once, the last one still in its field, and stores them on the server', async () => {
    const { url, context, page, pageErrors } = await openForm(RESPONDENTS.frederiksberg);
    for (const [i, f] of FIELDS.entries()) await page.fill(f, String(i + 1));
    await page.check('#root_enheder_0_tidligereMaal_status-0');
    // No pause: the radio still has focus, and no autosave delay has passed.
    await reloadNow(page);
    await expect.poll(() => values(page)).toEqual(['1', '2', '3', '4']);
    expect(await page.isChecked('#root_enheder_0_tidligereMaal_status-0')).toBe(true);
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau2).toMatchObject({ kvinder: 3, maend: 4 });

    // A value typed into a field that is never left, then reloaded at once: the page's leaving saves it.
    await page.fill(FIELDS[0]!, '7');
    await reloadNow(page);
    await expect.poll(() => page.inputValue(FIELDS[0]!)).toBe('7');
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau1?.kvinder).toBe(7);
    await checkPage(page, 'skema-efter-genindlaesning');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('keeps a value typed and reloaded at once when the next page was made before the leaving save landed', async () => {
    const { url, context, page, pageErrors } = await openForm(RESPONDENTS.frederiksberg);
    await page.fill(FIELDS[1]!, '21');
    await page.getByRole('button', { name: 'Gem og fortsæt' }).focus();
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau1?.maend).toBe(21);
    await expect.poll(() => page.evaluate(() => window.sessionStorage.length)).toBe(0);
    // The step as the server makes it now, before the next value is typed: the reload below gets
    // this page, as when the server makes it while the leaving save is still on its way.
    const made = await page.request.get(`${url}${STEP}`);
    const html = await made.text();
    const headers = Object.fromEntries(Object.entries(made.headers()).filter(([k]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(k)));
    await page.route(`**${STEP}`, async (route) => {
      if (!route.request().isNavigationRequest()) return route.continue();
      // Long enough for the leaving save to land and its answer to reach the page being left.
      await new Promise((r) => setTimeout(r, 600));
      await route.fulfill({ status: 200, headers, body: html });
    });
    // Typed and reloaded in one go, so rjsf takes the key in only after the page has begun to go.
    const reloaded = page.waitForEvent('framenavigated');
    await page.evaluate((selector) => {
      const input = document.querySelector<HTMLInputElement>(selector)!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '22');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      location.reload();
    }, FIELDS[1]!);
    await reloaded;
    await page.waitForSelector('.indberet-form[data-ready]');
    await page.unroute(`**${STEP}`);
    await expect.poll(() => page.inputValue(FIELDS[1]!)).toBe('22');
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau1?.maend).toBe(22);
    await expect.poll(() => page.evaluate(() => window.sessionStorage.length)).toBe(0);
    expect(await page.textContent('main')).not.toContain('Indberetningen er ændret et andet sted');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows computed answers as a dash until their figures are typed, names step, form and round once in the title, and sends a missing group to its first input', async () => {
    const { url, context, page } = await openForm(RESPONDENTS.koebenhavn);
    const title = await page.title();
    expect(title.split(' – ')).toHaveLength(3);
    expect(title).toMatch(/ – Indberetning af måltal og politik – Måltal og politikker .* 2024$/);
    expect(await page.textContent('#root_enheder_0_ligelig')).toBe('—');
    expect(await page.textContent('#root_enheder_0_andelKvinder')).toBe('—');
    // Level 1 alone decides nothing about the unit: its verdict waits for level 2.
    await page.fill('#root_enheder_0_niveau1_kvinder', '0');
    await page.fill('#root_enheder_0_niveau1_maend', '1');
    await page.locator('#root_enheder_0_navn').focus();
    await expect.poll(() => page.textContent('#root_enheder_0_ligelig')).toBe('—');
    await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
    const link = page.locator('[data-module="error-summary"] a[href="#root_enheder_0_niveau2_kvinder"]');
    await link.waitFor();
    expect(await page.locator('[data-module="error-summary"] a[href="#root_enheder_0_niveau2"]').count()).toBe(0);
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('root_enheder_0_niveau2_kvinder');
    await checkPage(page, 'skema-gruppe-mangler');
    await context.close();
  });

  it('keeps answers the server never received in the tab, warns before leaving, and saves them once the server answers again', async () => {
    const { url, context, page } = await openForm(RESPONDENTS.ballerup, { width: 375, height: 800 });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    const db = app.server.deps.db;
    await refuseWrites(db, dialect);
    await page.fill(FIELDS[0]!, '5');
    await page.fill(FIELDS[1]!, '6');
    // Saved after the pause in typing (moving between questions does not save at once).
    await expect.poll(() => page.textContent('.indberet-autosave'), { timeout: 10_000 }).toContain('Kladden kunne ikke gemmes');
    await reloadNow(page);
    expect(dialogs).toContain('beforeunload');
    // Restored from the tab's storage while the server is still out of reach.
    await expect.poll(() => values(page)).toEqual(['5', '6', '', '']);
    expect((await stored(page)).version).toBe(0);
    await allowWrites(db, dialect);
    await reloadNow(page);
    await expect.poll(() => values(page)).toEqual(['5', '6', '', '']);
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau1).toMatchObject({ kvinder: 5, maend: 6 });
    await expect.poll(() => page.evaluate(() => window.sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('keeps answers typed while a save was on its way and reloaded at once, whenever the cut-off save lands', async () => {
    const { url, context, page } = await openForm(RESPONDENTS.koebenhavn);
    await page.waitForLoadState('networkidle');
    // The first save never answers before the reload, as on a slow network.
    let held: Route | undefined;
    await context.route(`**${DRAFT}`, (route) => {
      if (!held && route.request().method() === 'PUT') held = route;
      else void route.continue();
    });
    await page.fill(FIELDS[2]!, '8');
    await expect.poll(() => held !== undefined, { timeout: 10_000 }).toBe(true);
    // Typed while the save after the pause is on its way, then reloaded at once.
    await page.fill(FIELDS[3]!, '9');
    await reloadNow(page);
    await expect.poll(async () => (await stored(page)).answers.enheder?.[0]?.niveau2).toMatchObject({ kvinder: 8, maend: 9 });
    await expect.poll(() => page.evaluate(() => window.sessionStorage.length)).toBe(0);
    expect((await values(page)).slice(2)).toEqual(['8', '9']);
    expect(await page.textContent('main')).not.toContain('Indberetningen er ændret et andet sted');
    await context.unroute(`**${DRAFT}`);
    await context.close();
  });

  it('shows every typed character in the first frame after its key, computes from the keystrokes right after, and keeps them over a reload at once', async () => {
    const { url, context, page, pageErrors } = await openForm(RESPONDENTS.frederiksberg);
    for (const f of FIELDS) await page.fill(f, '');
    await expect.poll(() => page.textContent('#root_enheder_0_ligelig')).toBe('—');
    // What the field holds when the frame after each keydown is drawn (rjsf takes the key in later).
    await page.evaluate(() => {
      const w = window as unknown as { frames_: string[] };
      w.frames_ = [];
      addEventListener('keydown', (e) => {
        const input = e.target as HTMLInputElement;
        requestAnimationFrame(() => w.frames_.push(input.value));
      }, true);
    });
    const typed: string[] = [];
    const expected: string[] = [];
    for (const [f, keys] of [[FIELDS[0]!, '12'], [FIELDS[1]!, '3'], [FIELDS[2]!, '45'], [FIELDS[3]!, '6'], ['#root_enheder_0_navn', 'xy']] as const) {
      await page.click(f);
      await page.keyboard.press('End');
      await page.waitForFunction((n) => (window as unknown as { frames_: string[] }).frames_.length >= n, typed.length + 1);
      typed.push('(End)');
      let text = await page.inputValue(f);
      expected.push(text);
      for (const k of keys) {
        await page.keyboard.press(k);
        text += k;
        expected.push(text);
        typed.push(k);
        await page.waitForFunction((n) => (window as unknown as { frames_: string[] }).frames_.length >= n, typed.length);
      }
    }
    expect(await page.evaluate(() => (window as unknown as { frames_: string[] }).frames_)).toEqual(expected);
    await expect.poll(() => page.textContent('#root_enheder_0_ligelig')).not.toBe('—');
    await reloadNow(page);
    await expect.poll(() => values(page)).toEqual(['12', '3', '45', '6']);
    expect(await page.inputValue('#root_enheder_0_navn')).toMatch(/xy$/);
    expect(await page.textContent('#root_enheder_0_ligelig')).not.toBe('—');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
