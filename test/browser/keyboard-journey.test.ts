import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PASSWORD } from '../helpers/index.ts';
import { checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN, RESPONDENTS, startBrowserApp, type BrowserApp } from './browser-app.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;

/** What has focus: its tag, id, text and whether a focus indicator is drawn around it. */
interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly text: string;
  readonly visible: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', text: '', visible: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim(), visible: outline || shadow };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, checking on every stop that the
 * focus can be seen.
 */
async function tabTo(page: Page, selector: string, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.tag !== 'body') expect(f.visible, `synligt fokus på ${f.tag}#${f.id} «${f.text.slice(0, 40)}»`).toBe(true);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} nås ikke med ${back ? 'Shift+Tab' : 'Tab'}`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

async function pressAndWait(page: Page, key: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url), page.keyboard.press(key)]);
}

for (const dialect of DIALECTS) {
  describe.runIf(run)(`the respondent's journey with the keyboard only [${dialect}]`, () => {
    let app: BrowserApp;
    beforeAll(async () => {
      app = await startBrowserApp(dialect);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('Ballerup logs in, fills both steps, reviews and submits with Tab, Shift+Tab, Enter and Space, always seeing where the focus is', async () => {
      const url = app.server.url;
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));

      // The first Tab reaches the skip link, which moves the focus to the page's content.
      await page.goto(`${url}/login`);
      await page.keyboard.press('Tab');
      const skip = await focused(page);
      expect(skip.tag).toBe('a');
      expect(skip.text).toBe('Gå til sidens indhold');
      expect(skip.visible).toBe(true);
      // Shown on the page while it has focus, not left off-screen. The design system slides it in
      // (a short transition from above the page), so the box is read once it has arrived.
      const box = () =>
        page.evaluate(() => {
          const r = document.activeElement?.getBoundingClientRect();
          return r ? { top: r.top, left: r.left, height: r.height } : null;
        });
      await expect.poll(async () => (await box())?.top ?? -1, { timeout: 5_000 }).toBeGreaterThanOrEqual(0);
      expect((await box())?.height).toBeGreaterThan(0);
      expect((await box())?.left).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('main-content');

      await typeInto(page, '#email', RESPONDENTS.ballerup);
      await typeInto(page, '#password', PASSWORD);
      await pressAndWait(page, 'Enter', new RegExp(`^${url}/$`));

      // Home: the form's link, reached from the skip link's target.
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe('Gå til sidens indhold');
      await page.keyboard.press('Enter');
      await tabTo(page, 'a[href="/indberetning/2024/maaltal/trin/1"], a[href="/indberetning/2024/maaltal"]');
      await pressAndWait(page, 'Enter', /\/trin\/1$/);
      await page.waitForSelector('.indberet-form[data-ready]');

      await typeInto(page, '#root_enheder_0_niveau1_kvinder', '1');
      await typeInto(page, '#root_enheder_0_niveau1_maend', '0');
      await typeInto(page, '#root_enheder_0_niveau2_kvinder', '1');
      await typeInto(page, '#root_enheder_0_niveau2_maend', '2');
      await expect.poll(() => page.textContent('#root_enheder_0_ligelig')).toBe('Ja');
      // Back with Shift+Tab to correct a figure already typed (Tab selects a field's text, so typing replaces it).
      await tabTo(page, '#root_enheder_0_niveau2_kvinder', { back: true });
      await page.keyboard.type('2');
      await expect.poll(() => page.inputValue('#root_enheder_0_niveau2_kvinder')).toBe('2');
      await tabTo(page, '#root_enheder_0_tidligereMaal_status-0');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#root_enheder_0_tidligereMaal_status-0')).toBe(true);
      await tabTo(page, 'main button[type="submit"]');
      await pressAndWait(page, 'Enter', /\/trin\/2$/);
      await page.waitForSelector('.indberet-form[data-ready]');

      await typeInto(page, '#root_kontakt_navn', 'Kontakt Ballerup');
      await typeInto(page, '#root_kontakt_email', 'kontakt@ballerup.dk');
      await tabTo(page, 'main button[type="submit"]');
      await pressAndWait(page, 'Enter', /\/gennemse$/);
      expect(await page.textContent('main')).toContain('Kontakt Ballerup');

      await tabTo(page, 'main button[type="submit"]');
      expect((await focused(page)).text).toBe('Indsend indberetning');
      await pressAndWait(page, 'Space', /\/kvittering$/);
      const receipt = (await page.textContent('main')) ?? '';
      expect(receipt).toContain('Indberetningen er modtaget');
      expect(receipt).toContain('Ligelig kønssammensætningJa');
      await checkPage(page, 'tastatur-kvittering');
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 180_000);
  });
}
