/**
 * Input latency in Chromium on a 60-unit form: the time from a keydown to the next frame, median
 * and p95, on the product's real form page (the 2024 round's `maaltal` form, the step with the
 * units list, a saved draft of 60 units) against plain rjsf (@rjsf/core + @rjsf/validator-ajv8 with
 * the same schema, uiSchema and data, bundled with esbuild into a bare HTML page), both served by
 * this process and measured in the same run, the two sides alternating round by round. Goals: p95 at
 * most 50 ms, and the product's p95 not above plain rjsf's. Also the time from navigation to the
 * first enabled input of the step page (and, for the product, to the form being interactive).
 *
 * The round allows 20 units, so the bench serves a copy of the 2024 round whose form allows 60
 * (the same rules and tables), as bench/validate.ts compiles it, from a temporary schemas folder.
 *
 * How a keystroke is measured, inside the page: a capturing keydown listener takes the event's
 * timestamp, asks for the next animation frame and, in it, posts a message, which runs after that
 * frame has been painted; the latency is that moment minus the keydown's timestamp. Each key waits
 * for its own measurement before the next is pressed, as a person's typing would.
 *
 * Run: npx tsx bench/input-latency.ts
 *      BENCH_ROUNDS=5 BENCH_KEYS=200 to change the number of alternating rounds and keys per side
 *      and round (half into a text input, half into a number input, both in the 41st unit or later).
 *      BENCH_PROFILE=/tmp/form.cpuprofile writes a CPU profile of 80 keys on the form page first
 *      (open it in Chromium's DevTools); with BENCH_ROUNDS=0 only the profile is taken.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { createDatabase } from '../engine/db/index.ts';
import { loadRounds } from '../engine/node.ts';
import { createUser, login, seedOrganisations, seedRounds } from '../engine/workflows/index.ts';
import { createApp, loadConfig } from '../server/index.ts';
import { fmt, printTable } from './measure.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.INDBERET_CHROMIUM ?? '/usr/bin/chromium';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const KEYS = Number(process.env.BENCH_KEYS ?? 200);
const UNITS = 60;
const PASSWORD = 'benchmark-adgangskode';
const EMAIL = 'k@bench.dk';
/** København: split leadership, so it may report one unit per department. */
const CODE = '0101';
/** The inputs typed into: a text and a number input inside the 41st unit or later. */
const TEXT_INPUT = '#root_enheder_40_navn';
const NUMBER_INPUT = '#root_enheder_44_niveau2_maend';

// A copy of the 2024 round whose form allows 60 units.
const schemasDir = await mkdtemp(path.join(tmpdir(), 'indberet-latency-schemas-'));
const dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-latency-data-'));
await cp(path.join(ROOT, 'schemas/2024'), path.join(schemasDir, '2024'), { recursive: true });
const schemaFile = path.join(schemasDir, '2024/maaltal.schema.json');
const schemaJson = JSON.parse(await readFile(schemaFile, 'utf8')) as { properties: { enheder: { maxItems: number; 'x-messages': { maxItems: { da: string; en: string } } } } };
schemaJson.properties.enheder.maxItems = UNITS;
schemaJson.properties.enheder['x-messages'].maxItems = { da: `Der kan højst indberettes ${UNITS} enheder.`, en: `At most ${UNITS} units can be reported.` };
await writeFile(schemaFile, JSON.stringify(schemaJson, null, 2));

const registry = await loadRounds(schemasDir);
const round = registry.round('2024')!;
const form = round.forms.get('maaltal')!;

// 60 units: København's six departments from the engine fixtures, repeated under new names.
const fixture = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/engine/valid--maaltal--koebenhavn-six-departments.json'), 'utf8')) as { data: { enheder: { navn: string }[] } };
const base = fixture.data.enheder;
const answers = {
  kommunekode: CODE,
  kontakt: { navn: 'Kontakt København', email: 'kontakt@kk.dk' },
  enheder: Array.from({ length: UNITS }, (_, i) => ({ ...structuredClone(base[i % base.length]!), navn: `Forvaltning ${i + 1}` })),
};
const checked = form.validate(answers);
if (!checked.ok) throw new Error(`the 60-unit answer is meant to be valid: ${JSON.stringify(checked.issues.slice(0, 3))}`);

// The service over a fresh SQLite database, at a fixed time inside the round.
const clock = () => new Date('2024-05-01T10:00:00Z');
const handle = createDatabase({ dataDir });
const migrated = await handle.migrate();
if (!migrated.ok) throw new Error(migrated.error);
const wf = { db: handle.db, registry, clock };
if (!(await seedRounds(wf)).ok) throw new Error('seed rounds');
if (!(await seedOrganisations(wf, '2024')).ok) throw new Error('seed organisations');
const user = await createUser(wf, { email: EMAIL, navn: 'Kontakt København', role: 'respondent', code: CODE, password: PASSWORD, actorId: null });
if (!user.ok) throw new Error(user.code);
const session = await login(wf, { email: EMAIL, password: PASSWORD, ip: '127.0.0.1' });
if (!session.ok) throw new Error(session.code);
const logger = pino({ level: 'warn' });
const app = createApp({ db: handle.db, registry, logger, clock, config: loadConfig({}, { schemasDir, dataDir, logRequests: false, mfaRequired: false }) });

const listen = (handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> =>
  new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
const product = await listen(app);

// The draft of 60 units, saved through the API as the page saves it.
const saved = await fetch(`${product.url}/api/rounds/2024/forms/maaltal/submission`, {
  method: 'PUT',
  headers: { cookie: `indberet_sid=${session.token}`, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json', 'if-match': '"0"' },
  body: JSON.stringify({ answers }),
});
if (!saved.ok) throw new Error(`draft not saved: ${saved.status} ${await saved.text()}`);
const PRODUCT_PAGE = `${product.url}/indberetning/2024/maaltal/trin/1`;

// Plain rjsf: the same schema, uiSchema and data (computed values filled, as the product's page
// starts with them), rjsf's own theme and its ajv validator, rendered in the browser.
const bundle = await build({
  stdin: {
    contents: `
      import Form from '@rjsf/core';
      import { customizeValidator } from '@rjsf/validator-ajv8';
      import { Ajv2020 } from 'ajv/dist/2020.js';
      import { createElement } from 'react';
      import { createRoot } from 'react-dom/client';
      const { schema, uiSchema, formData } = JSON.parse(document.getElementById('data').textContent);
      const validator = customizeValidator({ AjvClass: Ajv2020, ajvOptionsOverrides: { strict: false } });
      createRoot(document.getElementById('root')).render(createElement(Form, { schema, uiSchema, formData, validator }));
    `,
    resolveDir: ROOT,
    loader: 'tsx',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'error',
});
const plainJs = bundle.outputFiles[0]!.contents;
const plainData = JSON.stringify({ schema: form.schema, uiSchema: form.ui, formData: form.prepare(answers) }).replace(/</g, '\\u003c');
const plainHtml = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>rjsf</title></head><body><main><div id="root"></div></main><script id="data" type="application/json">${plainData}</script><script type="module" src="/plain.js"></script></body></html>`;
const plain = await listen((req, res) => {
  if (req.url === '/plain.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(plainJs);
  else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plainHtml);
});
const PLAIN_PAGE = `${plain.url}/`;

/**
 * Runs in every page before its own scripts: measures each keydown to the frame after it, and the
 * time from navigation to the first enabled input of the form being painted, and to the product's
 * form being interactive. Plain JavaScript text, not a function: tsx would wrap a function's inner
 * names in a helper the page does not have.
 */
const PROBE = `
  window.__latency = [];
  const afterNextFrame = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(0);
  });
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    afterNextFrame((t) => window.__latency.push(t - t0));
  }, true);
  const FIRST = 'input[id^="root_"]:not([type=hidden]):not([disabled]):not([readonly]), textarea[id^="root_"]:not([disabled]), select[id^="root_"]:not([disabled])';
  let seen = false;
  const look = () => {
    if (!seen && document.querySelector(FIRST)) {
      seen = true;
      afterNextFrame((t) => (window.__firstInput = t));
    }
    if (window.__ready === undefined && document.querySelector('.indberet-form[data-ready]')) window.__ready = performance.now();
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/** The keys of one side's turn: half into the text input, half into the number input, net no change. */
const TEXT_KEYS = ['a', 'b', 'c', 'd', 'e', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace'];
const NUMBER_KEYS = ['1', '2', 'Backspace', 'Backspace'];

/** Presses each key and waits for its measurement before the next. */
async function typeKeys(page: Page, selector: string, keys: readonly string[], count: number): Promise<void> {
  await page.click(selector);
  await page.evaluate(() => ((window as unknown as { __latency: number[] }).__latency.length = 0));
  // The caret to the end; its own measurement is waited for and left out.
  await page.keyboard.press('End');
  await page.waitForFunction(() => (window as unknown as { __latency: number[] }).__latency.length >= 1, undefined, { polling: 5 });
  await page.evaluate(() => ((window as unknown as { __latency: number[] }).__latency.length = 0));
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(keys[i % keys.length]!);
    await page.waitForFunction((n) => (window as unknown as { __latency: number[] }).__latency.length >= n, i + 1, { polling: 5 });
  }
}

interface Turn {
  readonly latencies: number[];
  readonly firstInput: number;
  readonly ready?: number;
  /** When the page's HTML had arrived in full, from navigation (ms). */
  readonly htmlDone: number;
}

/** One side's turn: open the step page afresh, wait until it is interactive, type. */
async function turn(page: Page, url: string, interactive: string): Promise<Turn> {
  await page.goto(url);
  await page.waitForSelector(interactive, { timeout: 120_000 });
  await page.waitForSelector(NUMBER_INPUT);
  const firstInput = await page.waitForFunction(() => (window as unknown as { __firstInput?: number }).__firstInput).then((h) => h.jsonValue() as Promise<number>);
  const ready = await page.evaluate(() => (window as unknown as { __ready?: number }).__ready);
  const htmlDone = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  const latencies: number[] = [];
  const take = async () => latencies.push(...(await page.evaluate(() => (window as unknown as { __latency: number[] }).__latency.slice())));
  await typeKeys(page, TEXT_INPUT, TEXT_KEYS, Math.ceil(KEYS / 2));
  await take();
  await typeKeys(page, NUMBER_INPUT, NUMBER_KEYS, Math.floor(KEYS / 2));
  await take();
  return { latencies, firstInput, htmlDone, ...(ready !== undefined ? { ready } : {}) };
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const median = (xs: readonly number[]): number => quantile(xs, 0.5);

const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const productContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await productContext.addCookies([{ name: 'indberet_sid', value: session.token, url: product.url }]);
  await productContext.addInitScript({ content: PROBE });
  const plainContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await plainContext.addInitScript({ content: PROBE });
  const productPage = await productContext.newPage();
  const plainPage = await plainContext.newPage();
  const problems: string[] = [];
  for (const p of [productPage, plainPage]) p.on('pageerror', (e) => problems.push(String(e)));

  // One warm-up turn each (the service generates the copied round's browser validators once).
  const sides = {
    product: { page: productPage, url: PRODUCT_PAGE, interactive: '.indberet-form[data-ready]', turns: [] as Turn[] },
    plain: { page: plainPage, url: PLAIN_PAGE, interactive: NUMBER_INPUT, turns: [] as Turn[] },
  };
  for (const s of Object.values(sides)) {
    await s.page.bringToFront();
    await turn(s.page, s.url, s.interactive);
  }
  const units = await productPage.locator('[id^="root_enheder_"][id$="_navn"]').count();
  const plainUnits = await plainPage.locator('[id^="root_enheder_"][id$="_navn"]').count();
  if (units !== UNITS || plainUnits !== UNITS) throw new Error(`expected ${UNITS} units on both pages, found ${units} and ${plainUnits}`);

  // BENCH_PROFILE=<file>: a CPU profile of one more product turn, for finding where a keystroke's time goes.
  if (process.env.BENCH_PROFILE) {
    const cdp = await productContext.newCDPSession(productPage);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await productPage.goto(PRODUCT_PAGE);
    await productPage.waitForSelector('.indberet-form[data-ready]', { timeout: 120_000 });
    await cdp.send('Profiler.start');
    await typeKeys(productPage, TEXT_INPUT, TEXT_KEYS, 40);
    await typeKeys(productPage, NUMBER_INPUT, NUMBER_KEYS, 40);
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(process.env.BENCH_PROFILE, JSON.stringify(profile));
    console.log(`profile of 80 keys on the form page written to ${process.env.BENCH_PROFILE}`);
  }

  // BENCH_ROUNDS=0 with BENCH_PROFILE: the profile alone.
  if (ROUNDS > 0) {
    // Alternating rounds, the order swapped every round, so a change in the machine's load falls on both.
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? [sides.product, sides.plain] : [sides.plain, sides.product];
      for (const s of order) {
        await s.page.bringToFront();
        s.turns.push(await turn(s.page, s.url, s.interactive));
      }
    }
    if (problems.length > 0) throw new Error(`page errors: ${problems.join('; ')}`);

    const all = (turns: Turn[]) => turns.flatMap((t) => t.latencies);
    const ours = all(sides.product.turns);
    const theirs = all(sides.plain.turns);
    const rows: (string | number)[][] = [['keydown to next frame, ms', 'keys', 'median', 'p95', 'max', 'first input ms (median)', 'interactive ms (median)']];
    const row = (name: string, turns: Turn[]) => {
      const xs = all(turns);
      const ready = turns.flatMap((t) => (t.ready !== undefined ? [t.ready] : []));
      rows.push([name, xs.length, fmt(median(xs), 1), fmt(quantile(xs, 0.95), 1), fmt(Math.max(...xs), 1), fmt(median(turns.map((t) => t.firstInput))), ready.length ? fmt(median(ready)) : '(same)']);
    };
    row('product form page (60 units)', sides.product.turns);
    row('plain rjsf (same schema and data)', sides.plain.turns);
    printTable(rows);
    const perRound = sides.product.turns.map((t, i) => quantile(t.latencies, 0.95) / quantile(sides.plain.turns[i]!.latencies, 0.95));
    const p95 = quantile(ours, 0.95);
    const p95Plain = quantile(theirs, 0.95);
    console.log(`per-round p95 ratios (product / plain rjsf): ${perRound.map((x) => fmt(x, 2)).join(' ')}`);
    console.log(`input-latency: product median ${fmt(median(ours), 1)} ms, p95 ${fmt(p95, 1)} ms (goal <= 50 ms); plain rjsf median ${fmt(median(theirs), 1)} ms, p95 ${fmt(p95Plain, 1)} ms`);
    console.log(`input-latency: ratio ${fmt(p95 / p95Plain, 2)} of plain rjsf p95 (goal <= 1.0; ${ROUNDS} alternating rounds of ${KEYS} keys a side)`);
    console.log(
      `input-latency: navigation to first enabled input: product ${fmt(median(sides.product.turns.map((t) => t.firstInput)))} ms (interactive ${fmt(median(sides.product.turns.map((t) => t.ready ?? NaN)))} ms), plain rjsf ${fmt(median(sides.plain.turns.map((t) => t.firstInput)))} ms`,
    );
    console.log(
      `HTML of the step page in full after (median): product ${fmt(median(sides.product.turns.map((t) => t.htmlDone)))} ms (rendered by the service), plain rjsf ${fmt(median(sides.plain.turns.map((t) => t.htmlDone)))} ms (a static page)`,
    );
    console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
} finally {
  await browser.close();
  for (const { server } of [product, plain]) {
    const closed = new Promise((r) => server.close(r));
    server.closeAllConnections();
    await closed;
  }
  await handle.destroy();
  await rm(schemasDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}
