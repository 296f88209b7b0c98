import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_ROOT_ID, PAGE_DATA_ID } from '../../renderer/form-page-data.ts';
import { explainMissingBrowser, HAS_CHROMIUM, logIn, MUST_RUN, RESPONDENTS, startBrowserApp, type BrowserApp } from './browser-app.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;

/** Where the server's form is kept, inert, when the browser is made to draw the form itself. */
const KEPT_ID = 'server-form';

/**
 * The form under a root as one line per element and text: tag, attributes sorted by name, and
 * what the user sees of a control (its value, whether it is checked or selected) read from the
 * control itself, not from the attribute the server wrote it in. Comments (React's markers between
 * adjacent texts) and the `data-ready` mark the browser sets are left out; adjacent texts are one.
 * Runs in the page.
 */
function formLines(root: Element): string[] {
  const copy = root.cloneNode(true) as Element;
  const comments: Node[] = [];
  const it = copy.ownerDocument.createNodeIterator(copy, NodeFilter.SHOW_COMMENT);
  for (let n = it.nextNode(); n; n = it.nextNode()) comments.push(n);
  for (const c of comments) c.parentNode?.removeChild(c);
  copy.normalize();
  // The clone loses what the user sees of a control: read it from the original, in the same order.
  const controls = [...root.querySelectorAll('input, textarea, option')];
  let k = 0;
  const out: string[] = [];
  const walk = (n: Node, depth: number) => {
    const pad = '  '.repeat(depth);
    if (n.nodeType === Node.TEXT_NODE) {
      if (n.textContent) out.push(`${pad}"${n.textContent}"`);
      return;
    }
    if (n.nodeType !== Node.ELEMENT_NODE) return;
    const el = n as Element;
    const attrs = [...el.attributes]
      .filter((a) => !['data-ready', 'value', 'checked', 'selected'].includes(a.name) || (el.localName === 'option' && a.name === 'value'))
      .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
      .sort();
    if (el.matches('input, textarea, option')) {
      const live = controls[k++] as HTMLInputElement & HTMLOptionElement;
      if (el.localName === 'option') attrs.push(`:selected=${live.selected}`);
      else if (live.type === 'checkbox' || live.type === 'radio') attrs.push(`:checked=${live.checked}`);
      else attrs.push(`:value=${JSON.stringify(live.value)}`);
    }
    out.push(`${pad}<${el.localName} ${attrs.join(' ')}>`);
    // A textarea's text is its initial value, already read above.
    if (el.localName !== 'textarea') for (const c of el.childNodes) walk(c, depth + 1);
  };
  walk(copy, 0);
  return out;
}

/** Fails the test on any error the page logs or throws. */
function watchErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return () => errors.splice(0);
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector(`#${FORM_ROOT_ID} .indberet-form[data-ready]`);
}

/** The form the server sent and the one the browser took over, after it did. */
async function hydrated(page: Page, url: string): Promise<{ server: string[]; browser: string[] }> {
  const html = await (await page.goto(url))!.text();
  await ready(page);
  const sent = await page.evaluateHandle(({ html, id }) => new DOMParser().parseFromString(html, 'text/html').getElementById(id)!, { html, id: FORM_ROOT_ID });
  const live = await page.evaluateHandle((id) => document.getElementById(id)!, FORM_ROOT_ID);
  return { server: await page.evaluate(formLines, sent), browser: await page.evaluate(formLines, live) };
}

/**
 * The form the server sent, kept inert in a template, and the one the browser draws from nothing
 * into an empty root: hydration keeps the server's attributes as they are, so only a render from
 * nothing shows every attribute the browser's renderer writes.
 */
async function drawnAfresh(page: Page, url: string): Promise<{ server: string[]; browser: string[] }> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const open = `<div id="${FORM_ROOT_ID}">`;
    const close = `</div><script type="application/json" id="${PAGE_DATA_ID}"`;
    const html = await response.text();
    if (!html.includes(open) || !html.includes(close)) throw new Error(`${url}: the form's root is not where the test looks for it`);
    const body = html.replace(open, `<div id="${FORM_ROOT_ID}"></div><template id="${KEPT_ID}">${open}`).replace(close, `</div></template>${close.slice('</div>'.length)}`);
    await route.fulfill({ response, body });
  });
  await page.goto(url);
  await ready(page);
  await page.unroute(url);
  const kept = await page.evaluateHandle((id) => (document.getElementById(id) as HTMLTemplateElement).content.firstElementChild!, KEPT_ID);
  const live = await page.evaluateHandle((id) => document.getElementById(id)!, FORM_ROOT_ID);
  return { server: await page.evaluate(formLines, kept), browser: await page.evaluate(formLines, live) };
}

describe.runIf(run)('the browser takes the form over as the server drew it', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp('sqlite');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('hydrates every step, in Danish and in English, and draws it afresh exactly as the server did', async () => {
    const url = app.server.url;
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, url, RESPONDENTS.frederiksberg);
    const step1 = `${url}/indberetning/2024/maaltal/trin/1`;
    // Answers that open the step's conditional parts (a target, a policy), saved as a draft.
    await page.goto(step1);
    await ready(page);
    await page.fill('#root_enheder_0_navn', 'Direktionen');
    await page.fill('#root_enheder_0_niveau1_kvinder', '0');
    await page.fill('#root_enheder_0_niveau1_maend', '3');
    await page.fill('#root_enheder_0_niveau2_kvinder', '1');
    await page.fill('#root_enheder_0_niveau2_maend', '6');
    await page.check('#root_enheder_0_tidligereMaal_status-0');
    await page.locator('#root_enheder_0_navn').focus();
    await expect.poll(() => page.textContent('.indberet-autosave'), { timeout: 10_000 }).toContain('Gemt');

    for (const u of [step1, `${step1}?lang=en`, `${url}/indberetning/2024/maaltal/trin/2`]) {
      const taken = await hydrated(page, u);
      // Not two empty forms: the step has its inputs, and the first one the typed answers.
      expect(taken.server.filter((l) => l.trimStart().startsWith('<input')).length, u).toBeGreaterThan(1);
      if (u.startsWith(step1)) expect(taken.server.join('\n'), u).toContain(':value="Direktionen"');
      expect(taken.browser, u).toEqual(taken.server);
      const fresh = await drawnAfresh(page, u);
      expect(fresh.server, u).toEqual(taken.server);
      expect(fresh.browser, u).toEqual(fresh.server);
    }
    expect(errors()).toEqual([]);
    await context.close();
  });
});
