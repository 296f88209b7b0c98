/**
 * The proof that a round of another kind needs no code: independent schools reporting wellbeing
 * and anti-bullying (the fixture round `2025-trivsel`, files only) served beside the 2024
 * municipalities' round in one service, through its whole journey in Chromium: the ministry sets
 * a school's contact and sends its login, the contact chooses a password from the mailed link,
 * fills in and submits the form, the board, the memo and the table follow, and the round is
 * published once it has closed. A municipality never meets the school round, and no page of it
 * speaks of municipalities or target figures.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { parseRawMail } from '../../engine/mail/index.ts';
import { CHROMIUM, checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN } from '../browser/browser-app.ts';
import { pdfText } from '../browser/pdf-text.ts';
import { createTestClock, DIALECTS, openTestDatabase, PASSWORD, PERSONAS, SCHEMAS_DIR, seedTestData, startTestServer, type TestDatabase, type TestServer } from '../helpers/index.ts';

explainMissingBrowser();

const ROUND = '2025-trivsel';
const FORM = 'trivsel';
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/rounds', ROUND);
const SCHOOL = { code: '280004', name: 'Havrevangs Friskole' };
const CONTACT = { name: 'Signe Skoleleder', email: 'signe@havrevang.dk', password: 'trivsel i skolegården hver eneste dag' };
/** A second school whose contact never uses the link, so it runs out while the round goes on. */
const IDLE = { code: '280001', name: 'Egebjerg Friskole', contact: 'Erik Egebjerg', email: 'erik@egebjerg.dk' };
/** Words of the municipalities' round that must never reach a page of the school round. */
const FOREIGN_WORDS = /kommun|måltal/i;

/** The command line as an analyst runs it, in a process of its own. */
async function indberet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/indberet.js'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

for (const dialect of DIALECTS) describe.runIf(HAS_CHROMIUM || MUST_RUN)(`a second round of another kind, served beside 2024, from files only [${dialect}]`, () => {
  let schemasDir: string;
  let dataDir: string;
  let registry: Registry;
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let school: BrowserContext;
  const clock = createTestClock('2025-04-01T08:00:00Z');
  /** Every page of the school round the journey opened, by address, to read their words at the end too. */
  const visited = new Map<string, string>();

  /** Keeps the page's HTML and checks its words at once, so a failure names the page. */
  const schoolPage = async (page: Page): Promise<string> => {
    const html = await page.content();
    const where = new URL(page.url()).pathname;
    visited.set(where, html);
    expect(FOREIGN_WORDS.exec(html)?.[0], `${where} bruger en kommunerundes ord`).toBeUndefined();
    return html;
  };

  const logIn = async (context: BrowserContext, email: string, password: string, next: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button:has-text("Log ind")')]);
    return page;
  };

  beforeAll(async () => {
    schemasDir = await mkdtemp(path.join(tmpdir(), 'indberet-anden-runde-'));
    await cp(path.join(SCHEMAS_DIR, '2024'), path.join(schemasDir, '2024'), { recursive: true });
    await cp(FIXTURE, path.join(schemasDir, ROUND), { recursive: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-anden-runde-data-'));
    registry = await loadRounds(schemasDir);
    database = await openTestDatabase(dialect);
    await seedTestData({ db: database.db, registry, clock: clock.now });
    server = await startTestServer({ db: database.db, registry, clock: clock.now, config: { schemasDir, dataDir } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    admin = await browser.newContext();
    school = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.destroy();
    if (schemasDir) await rm(schemasDir, { recursive: true, force: true });
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lints, checks its report spec and gets its answer types from the command line, as files only', async () => {
    expect(registry.rounds.map((r) => r.id)).toEqual(['2024', ROUND]);
    const lint = await indberet(['lint', FIXTURE]);
    expect(lint.stdout + lint.stderr).toContain('ingen fejl');
    expect(lint.code).toBe(0);
    const check = await indberet(['report', 'check', '--schemas', schemasDir, '--round', ROUND]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`Runde ${ROUND}`);
    const out = path.join(dataDir, 'forms.ts');
    const typegen = await indberet(['typegen', '--schemas', schemasDir, '--out', out]);
    expect(typegen.stderr).toBe('');
    expect(typegen.code).toBe(0);
    const types = await readFile(out, 'utf8');
    for (const field of ['institutionsnummer', 'aendringer', 'tiltag', 'beskrivelse']) expect(types).toContain(field);
  }, 120_000);

  it('the ministry sets a school\'s contact and sends its login from the school\'s page', async () => {
    const page = await logIn(admin, PERSONAS.admin.email, PASSWORD, `/admin/runde/${ROUND}`);
    expect(new URL(page.url()).pathname).toBe(`/admin/runde/${ROUND}`);
    const board = await schoolPage(page);
    expect(await page.locator('caption').innerText()).toContain('Institutioner (6)');
    expect(board).toContain(SCHOOL.name);

    await page.goto(`${server.url}/admin/runde/${ROUND}/kontakter`);
    await schoolPage(page);
    // Its own six schools, not every organisation the service knows.
    expect(await page.textContent('main')).toContain('0 af 6 institutioner har en kontaktperson.');

    await page.goto(`${server.url}/admin/runde/${ROUND}/respondent/${SCHOOL.code}`);
    await schoolPage(page);
    expect(await page.textContent('main')).toContain('En forlænget frist gælder kun denne institution.');
    await page.fill('#navn', CONTACT.name);
    await page.fill('#email', CONTACT.email);
    await Promise.all([page.waitForURL(/besked=inviteret/), page.click('button:has-text("Gem og send login")')]);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('login er sendt');
    expect(await page.locator('section:has(#login)').innerText()).toContain(CONTACT.email);
    expect(await page.locator('h2#mails').innerText()).toBe('Mails til institutionen');
    await schoolPage(page);

    await page.goto(`${server.url}/admin/runde/${ROUND}/respondent/${IDLE.code}`);
    await page.fill('#navn', IDLE.contact);
    await page.fill('#email', IDLE.email);
    await Promise.all([page.waitForURL(/besked=inviteret/), page.click('button:has-text("Gem og send login")')]);

    // The mail as the ministry's outbox shows it.
    await page.goto(`${server.url}/admin/udbakke`);
    await Promise.all([page.waitForURL(/\/admin\/udbakke\/mail\//), page.locator('tr', { hasText: CONTACT.email }).locator('a[href^="/admin/udbakke/mail/"]').first().click()]);
    expect(await page.textContent('main')).toContain(`${SCHOOL.name} (${SCHOOL.code})`);
    await schoolPage(page);
  }, 120_000);

  it('the contact chooses a password from the mailed link, and the home page shows the school round only', async () => {
    const outbox = path.join(dataDir, 'udbakke');
    const mails = [];
    for (const name of await readdir(outbox)) mails.push(parseRawMail(await readFile(path.join(outbox, name), 'utf8')));
    const mail = mails.find((m) => m.text.includes(CONTACT.name));
    expect(mail, 'login-mailen til skolens kontaktperson').toBeDefined();
    expect(mail!.subject).toBe(`Login til indberetning af trivsel og antimobning 2025 – ${SCHOOL.name}`);
    expect(mail!.text).toContain(`kontaktperson for ${SCHOOL.name}`);
    expect(FOREIGN_WORDS.exec(`${mail!.subject}\n${mail!.text}`)?.[0]).toBeUndefined();
    const link = /\/adgang\/[A-Za-z0-9_-]+/.exec(mail!.text)?.[0];
    expect(link).toBeDefined();

    const page = await school.newPage();
    // The login page every round shares is the school contact's too.
    await page.goto(`${server.url}/login`);
    await schoolPage(page);
    await page.goto(`${server.url}${link!}`);
    expect((await page.locator('h1').innerText()).trim()).toBe('Vælg adgangskode');
    expect(await page.textContent('main')).toContain(CONTACT.email);
    await schoolPage(page);
    await page.fill('#password', CONTACT.password);
    await page.fill('#repeat', CONTACT.password);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('button:has-text("Gem adgangskode og log ind")')]);
    const home = await schoolPage(page);
    expect(home).toContain('Trivsel og antimobning på frie skoler 2025');
    expect(home).toContain('Indberetning af trivsel og antimobning');
    expect(home).toContain(SCHOOL.name);
    expect(home).not.toContain(registry.round('2024')!.title);
  }, 60_000);

  it('the contact fills in and submits the form in Chromium', async () => {
    const page = school.pages()[0]!;
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await Promise.all([
      page.waitForURL(/\/trin\/1$/),
      page.locator(`a[href="/indberetning/${ROUND}/${FORM}"]`).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/indberetning/${ROUND}/${FORM}/trin/1`);
    await page.waitForSelector('.indberet-form[data-ready]', { timeout: 30_000 });
    await schoolPage(page);

    // The conditional text appears only with a yes, and the round's own rule runs in the browser.
    expect(await page.locator('#root_trivsel_aendringer').count()).toBe(0);
    await page.fill('#root_trivsel_elever', '120');
    await page.fill('#root_trivsel_trives', '130');
    await page.fill('#root_trivsel_sager', '3');
    await page.check('#root_trivsel_strategi-0');
    await page.waitForSelector('#root_trivsel_aendringer');
    await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
    const summary = page.locator('[data-module="error-summary"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('«Hvad er ændret i strategien?» skal udfyldes.');
    expect(page.url()).toMatch(/\/trin\/1$/);
    await schoolPage(page);
    // Once the group is complete, the round's own rule compares the two numbers.
    await page.fill('#root_trivsel_aendringer', 'Eleverne er med til at skrive strategien hvert år.');
    await expect.poll(() => page.locator('#root_trivsel_trives__error').textContent()).toContain('Der kan ikke være flere elever, der trives, end elever på skolen.');
    await page.fill('#root_trivsel_trives', '102');
    await expect.poll(() => page.locator('.form-error-message').count()).toBe(0);
    await Promise.all([page.waitForURL(/\/trin\/2$/), page.getByRole('button', { name: 'Gem og fortsæt' }).click()]);
    await page.waitForSelector('.indberet-form[data-ready]');
    await schoolPage(page);

    // A list of measures, started with one and grown by the page's add button.
    await page.fill('#root_tiltag_0_beskrivelse', 'Trivselsuge for alle klasser');
    await page.getByRole('button', { name: 'Tilføj tiltag' }).click();
    await page.waitForSelector('#root_tiltag_1_beskrivelse');
    await page.fill('#root_tiltag_1_beskrivelse', 'Elevmæglere i frikvartererne');
    await Promise.all([page.waitForURL(/\/gennemse$/), page.getByRole('button', { name: 'Gem og gennemse' }).click()]);
    const review = await schoolPage(page);
    for (const text of ['120', '102', 'Eleverne er med til at skrive strategien hvert år.', 'Trivselsuge for alle klasser', 'Elevmæglere i frikvartererne']) expect(review).toContain(text);
    await Promise.all([page.waitForURL(/\/kvittering$/), page.getByRole('button', { name: 'Indsend indberetning' }).click()]);
    const receipt = await schoolPage(page);
    expect(receipt).toContain('Indberetningen er modtaget');
    expect(receipt).toContain('Elevmæglere i frikvartererne');
    expect(problems).toEqual([]);
    // The printed receipt names the school in the round's words too.
    const pdf = await page.request.get(`${server.url}/indberetning/${ROUND}/${FORM}/kvittering.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const printed = pdfText(await pdf.body()).replace(/\s+/g, '');
    expect(printed).toContain(`Institution${SCHOOL.name}`.replace(/\s+/g, ''));
    expect(FOREIGN_WORDS.exec(printed)?.[0]).toBeUndefined();

    const stored = await database.db
      .selectFrom('submissions as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.status', 's.answers', 's.round_id'])
      .where('o.code', '=', SCHOOL.code)
      .where('s.form_name', '=', FORM)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
    expect(stored.round_id).toBe(ROUND);
    expect(JSON.parse(stored.answers)).toEqual({
      institutionsnummer: SCHOOL.code,
      trivsel: { elever: 120, trives: 102, sager: 3, strategi: true, aendringer: 'Eleverne er med til at skrive strategien hvert år.' },
      tiltag: [{ beskrivelse: 'Trivselsuge for alle klasser' }, { beskrivelse: 'Elevmæglere i frikvartererne' }],
    });
  }, 180_000);

  it('the board shows the school submitted in the round\'s words, and the memo and the table render', async () => {
    const page = admin.pages()[0]!;
    await page.goto(`${server.url}/admin/runde/${ROUND}`);
    await schoolPage(page);
    expect(await page.locator('caption').innerText()).toContain('Institutioner (6)');
    const row = page.locator('tbody tr', { hasText: SCHOOL.name });
    expect(await row.innerText()).toContain('Indsendt');
    expect(await row.innerText()).toContain('friskole');
    expect(await page.locator('tbody tr', { hasText: 'Indsendt' }).count()).toBe(1);
    expect(await page.textContent('main')).toContain('institutioner');

    await page.goto(`${server.url}/rapporter/${ROUND}`);
    await schoolPage(page);
    expect(await page.textContent('main')).toContain('1 indberetninger er indsendt');

    await page.goto(`${server.url}/rapporter/${ROUND}/notat`);
    const memo = await schoolPage(page);
    expect(memo).toContain('6 institutioner er forpligtet til at indberette');
    expect(memo).toContain('Andel elever, der trives');
    expect(memo).toContain('85,0');
    expect((memo.match(/<svg /g) ?? []).length).toBe(1);

    await page.goto(`${server.url}/rapporter/${ROUND}/tabel`);
    const table = await schoolPage(page);
    expect(await page.locator('main table').first().locator('tbody tr').count()).toBe(6);
    const schoolRow = await page.locator('main table').first().locator('tbody tr', { hasText: SCHOOL.name }).innerText();
    expect(schoolRow).toContain('Indberettet');
    expect(schoolRow).toContain('85,0');
    expect(table).toContain('Ikke indberettet');

    await page.goto(`${server.url}/rapporter/${ROUND}/skole/${SCHOOL.code}`);
    const own = await schoolPage(page);
    expect(own).toContain(SCHOOL.name);
    expect(own).toContain('Eleverne er med til at skrive strategien hvert år.');
  }, 120_000);

  it('a municipality of 2024 neither sees the school round nor reaches its form', async () => {
    const context = await browser.newContext();
    const page = await logIn(context, PERSONAS.respondentA.email, PASSWORD, '/');
    const home = await page.content();
    expect(home).toContain(registry.round('2024')!.title);
    expect(home).not.toContain('Trivsel og antimobning');
    for (const address of [`/indberetning/${ROUND}/${FORM}/trin/1`, `/indberetning/${ROUND}/${FORM}/gennemse`]) {
      const r = await page.goto(`${server.url}${address}`);
      expect(r?.status(), address).toBe(404);
      expect(await page.content()).not.toContain('Havrevang');
    }
    const api = await page.request.get(`${server.url}/api/rounds/${ROUND}/forms/${FORM}/submission`);
    expect(api.status()).toBe(404);
    await context.close();
  }, 60_000);

  it('publishes once the round has closed, and /offentlig shows it', async () => {
    const page = admin.pages()[0]!;
    // Before the deadline the report page offers no publishing, and the public address is empty.
    await page.goto(`${server.url}/rapporter/${ROUND}`);
    expect(await page.locator('button', { hasText: 'Offentliggør' }).count()).toBe(0);
    expect((await page.request.get(`${server.url}/offentlig/${ROUND}`)).status()).toBe(404);

    // The round closes at the end of 30 June in Copenhagen; sessions last 12 hours, so log in anew.
    clock.set('2025-07-01T08:00:00Z');
    await admin.clearCookies();
    const after = await logIn(admin, PERSONAS.admin.email, PASSWORD, `/rapporter/${ROUND}`);
    await schoolPage(after);
    expect(await after.textContent('main')).toContain('Runden er lukket');
    await Promise.all([after.waitForURL(`${server.url}/rapporter/${ROUND}`), after.locator('button', { hasText: 'Offentliggør' }).click()]);
    expect(await after.textContent('main')).toContain(`/offentlig/${ROUND}`);
    await schoolPage(after);

    const anonymous = await browser.newContext();
    const pub = await anonymous.newPage();
    const index = await pub.goto(`${server.url}/offentlig/${ROUND}`);
    expect(index?.status()).toBe(200);
    const front = await schoolPage(pub);
    expect(front).toContain('Trivsel og antimobning på frie skoler 2025');
    expect(front).toContain('Alle skolers indberetninger');
    // In the site's layout, with the school round's own service in its header, and WCAG 2.1 AA clean.
    expect(await pub.locator('a.skipnav').getAttribute('href')).toBe('#main-content');
    expect(await pub.locator('header').count()).toBe(1);
    await checkPage(pub, `offentlig-trivsel-${dialect}`);
    await pub.goto(`${server.url}/offentlig/${ROUND}/notat`);
    expect(await schoolPage(pub)).toContain('6 institutioner er forpligtet til at indberette');
    await pub.goto(`${server.url}/offentlig/${ROUND}/tabel`);
    const table = await schoolPage(pub);
    expect(table).toContain(SCHOOL.name);
    expect(table).toContain('85,0');
    const csv = await pub.request.get(`${server.url}/offentlig/${ROUND}/tabel.csv`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(SCHOOL.name);
    expect(FOREIGN_WORDS.exec(text)?.[0]).toBeUndefined();

    // A login link that ran out while the round went on names the round's own sender to ask.
    const outbox = path.join(dataDir, 'udbakke');
    let idleLink: string | undefined;
    for (const name of await readdir(outbox)) {
      const mail = parseRawMail(await readFile(path.join(outbox, name), 'utf8'));
      if (mail.text.includes(IDLE.contact)) idleLink = /\/adgang\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    }
    expect(idleLink).toBeDefined();
    const expired = await pub.goto(`${server.url}${idleLink!}`);
    expect(expired?.status()).toBe(410);
    const message = (await pub.textContent('main')) ?? '';
    expect(message).toContain('Linket er udløbet. Skriv til Styrelsen for Frie Skoler på trivsel@frieskoler.dk for at få et nyt.');
    await schoolPage(pub);
    await anonymous.close();
  }, 180_000);

  it('no page of the school round the journey opened speaks of municipalities or target figures', () => {
    expect(visited.size).toBeGreaterThanOrEqual(15);
    const offending = [...visited].filter(([, html]) => FOREIGN_WORDS.test(html)).map(([where, html]) => `${where}: ${FOREIGN_WORDS.exec(html)?.[0]}`);
    expect(offending).toEqual([]);
  });
});
