import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveDraft, submit } from '../../engine/workflows/index.ts';
import { safeNext } from '../../server/pages/index.ts';
import { createTestClock, forEachDialect, PASSWORD, seedTestData, startTestServer, testRegistry, validMaaltal, type TestServer } from '../helpers/index.ts';
import { TestClient } from '../helpers/test-client.ts';

/** Logs in through the HTML form, as a browser without JavaScript would. */
async function pageLogin(client: TestClient, email: string, password = PASSWORD) {
  const login = await client.request('GET', '/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.text)?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: csrf, email, password }).toString();
  return client.request('POST', '/login', { raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, noCsrf: true });
}

forEachDialect('HTML pages', (t) => {
  let server: TestServer;
  let ids: Record<string, string>;
  const clock = createTestClock('2024-05-01T10:00:00Z');
  beforeAll(async () => {
    const registry = await testRegistry();
    ids = await seedTestData({ db: t.db, registry, clock: clock.now });
    server = await startTestServer({ db: t.db, registry, clock: clock.now });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends anonymous visitors to the login page, under a strict CSP', async () => {
    const c = server.client();
    const home = await c.request('GET', '/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/login');
    const form = await c.request('GET', '/indberetning/2024/maaltal/trin/1');
    expect(form.headers.get('location')).toBe('/login?next=%2Findberetning%2F2024%2Fmaaltal%2Ftrin%2F1');
    const login = await c.request('GET', '/login');
    expect(login.status).toBe(200);
    const csp = login.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(login.text).not.toMatch(/<script(?![^>]*(type="module" src="\/static\/|type="application\/json"))/);
    expect(login.text).toContain('<html lang="da">');
  });

  it('takes ministry staff from the front page to their own pages', async () => {
    const admin = server.client();
    expect((await pageLogin(admin, 'admin@lige.dk')).status).toBe(303);
    const adminHome = await admin.request('GET', '/');
    expect(adminHome.status).toBe(303);
    expect(adminHome.headers.get('location')).toBe('/admin');
    // With 2024 and 2025 in schemas/, the pages lead to the newest round; 2024 stays served.
    expect((await admin.request('GET', '/admin')).headers.get('location')).toBe('/admin/runde/2025');
    expect((await admin.request('GET', '/admin/runde/2024')).status).toBe(200);
    const analyst = server.client();
    expect((await pageLogin(analyst, 'analytiker@lige.dk')).status).toBe(303);
    const analystHome = await analyst.request('GET', '/');
    expect(analystHome.headers.get('location')).toBe('/rapporter/2025');
    expect((await analyst.request('GET', '/rapporter/2024')).status).toBe(200);
  });

  it('refuses a login form without its CSRF token and a wrong password with a Danish message', async () => {
    const c = server.client();
    const forged = await c.request('POST', '/login', {
      raw: 'email=a%40frederiksberg.dk&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      noCsrf: true,
    });
    expect(forged.status).toBe(403);
    const wrong = await pageLogin(c, 'a@frederiksberg.dk', 'forkert adgangskode');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('E-mail eller adgangskode er forkert.');
    expect(wrong.text).toContain('aria-describedby="email-error"');
  });

  it('shows the municipality its round, deadlines and status, and only its own report', async () => {
    const a = server.client();
    const ok = await pageLogin(a, 'a@frederiksberg.dk');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    const home = await a.request('GET', '/');
    expect(home.text).toContain('Frederiksberg');
    expect(home.text).toContain('31. maj 2024');
    expect(home.text).toContain('Ikke påbegyndt');

    // Frederiksberg submits through the workflow; Ballerup sees nothing of it.
    const registry = await testRegistry();
    const deps = { db: t.db, registry, clock: clock.now };
    const org = await t.db.selectFrom('organisations').select('id').where('code', '=', '0147').executeTakeFirstOrThrow();
    const actor = { id: ids.respondentA!, role: 'respondent' as const, organisationId: org.id };
    const answers = validMaaltal('0147', 'Frederiksberg <b>Kommune</b>');
    const saved = await saveDraft(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, answers, ifMatch: 0 });
    expect(saved.ok).toBe(true);
    const sent = await submit(deps, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, ifMatch: 1 });
    expect(sent.ok).toBe(true);

    const receipt = await a.request('GET', '/indberetning/2024/maaltal/kvittering');
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain('Indberetningen er modtaget');
    expect(receipt.text).toContain('Frederiksberg &lt;b&gt;Kommune&lt;/b&gt;');
    expect((await a.request('GET', '/')).text).toContain('Indsendt');
    expect((await a.request('GET', '/indberetning/2024/maaltal/trin/1')).headers.get('location')).toBe('/indberetning/2024/maaltal/kvittering');

    const b = server.client();
    await pageLogin(b, 'b@ballerup.dk');
    const other = await b.request('GET', '/indberetning/2024/maaltal/kvittering');
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toBe('/indberetning/2024/maaltal');
    const bForm = await b.request('GET', '/indberetning/2024/maaltal/trin/1');
    // The page carries the public list of municipalities, never another municipality's answers.
    expect(bForm.text).not.toContain('Frederiksberg &lt;b&gt;');
    expect(bForm.text).not.toContain('Frederiksberg \\u003cb');
    expect(bForm.text).not.toContain('kønsbalancerede');
    expect(bForm.text).toContain('Ballerup');
    expect((await b.request('GET', '/indberetning/2024/maaltal/kvittering.pdf')).status).toBe(303);
  });

  it('refuses a submit from the review page after the deadline with the Danish message', async () => {
    clock.set('2024-06-01T08:00:00Z');
    try {
      const b = server.client();
      await pageLogin(b, 'b@ballerup.dk');
      const review = await b.request('GET', '/indberetning/2024/maaltal/gennemse');
      expect(review.text).toContain('Fristen for indsendelse var 31. maj 2024.');
      expect(review.text).not.toContain('Indsend indberetning</button>');
    } finally {
      clock.set('2024-05-01T10:00:00Z');
    }
  });

  it('serves the design system, the stylesheet and the prebuilt bundle', async () => {
    const c = server.client();
    const css = await c.request('GET', '/static/dkfds/css/dkfds.min.css');
    expect(css.status).toBe(200);
    expect(css.text).toContain('.form-input');
    expect((await c.request('GET', '/static/indberet.css')).status).toBe(200);
    expect((await c.request('GET', '/static/dkfds/../../package.json')).status).toBe(404);
  });
});

it('lets a login continue only to a path on this site', () => {
  expect(safeNext('/indberetning/2024/maaltal')).toBe('/indberetning/2024/maaltal');
  expect(safeNext('//evil.example/x')).toBe('/');
  expect(safeNext('/\\evil.example')).toBe('/');
  expect(safeNext('https://evil.example')).toBe('/');
  expect(safeNext(undefined)).toBe('/');
});
