import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { saveDraft, submit } from '../../engine/workflows/index.ts';
import { buildClient } from '../../renderer/build-client.ts';
import { CHROMIUM, checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN } from '../browser/browser-app.ts';
import {
  createTestClock,
  DIALECTS,
  openTestDatabase,
  PASSWORD,
  PERSONAS,
  SCHEMAS_DIR,
  seedTestData,
  startTestServer,
  validMaaltal,
  type TestDatabase,
  type TestServer,
} from '../helpers/index.ts';
import { editMaaltalSchema, editMaaltalUi, NEW_QUESTION_TITLE, RENAMED_TITLE } from './edit-maaltal.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function logInAs(page: Page, url: string, email: string, next: string): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${url}${next}`), page.click('button:has-text("Log ind")')]);
}

/** Replaces the editor's text as a person pasting would, and waits for the lint answer to arrive. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  const before = await page.locator('#rundefil-form').getAttribute('data-linted');
  await page.fill('#rundefil-indhold', text);
  await expect.poll(() => page.locator('#rundefil-form').getAttribute('data-linted'), { timeout: 10_000 }).not.toBe(before);
}

for (const dialect of DIALECTS) {
  describe.runIf(run)(`next year's round through the admin pages in Chromium [${dialect}]`, () => {
    let database: TestDatabase;
    let registry: Registry;
    let server: TestServer;
    let browser: Browser;
    const clock = createTestClock('2025-05-01T10:00:00Z');

    beforeAll(async () => {
      await buildClient({ schemasDir: path.join(root, 'schemas'), outDir: path.join(root, 'dist') });
      database = await openTestDatabase(dialect);
      // A registry of its own: publishing puts 2026 into it.
      registry = await loadRounds(SCHEMAS_DIR);
      const ids = await seedTestData({ db: database.db, registry, clock: clock.now });
      // Last year: Frederiksberg submitted its report.
      const org = await database.db.selectFrom('organisations').select('id').where('code', '=', '0147').executeTakeFirstOrThrow();
      const actor = { id: ids.respondentA, role: 'respondent' as const, organisationId: org.id };
      const wf = { db: database.db, registry, clock: clock.now };
      const answers = validMaaltal('0147', 'Frederiksberg Kommune');
      expect((await saveDraft(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, answers, ifMatch: 0 })).ok).toBe(true);
      expect((await submit(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, ifMatch: 1 })).ok).toBe(true);
      clock.set('2026-03-20T09:00:00Z');
      server = await startTestServer({ db: database.db, registry, clock: clock.now, config: { schemasDir: SCHEMAS_DIR } });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await database?.destroy();
    });

    it('an admin copies 2025, renames a field and adds a question in the editor, publishes; Frederiksberg sees last year\'s answers prefilled', async () => {
      const url = server.url;
      const shot = (name: string) => `runde-${name}${dialect === 'sqlite' ? '' : `-${dialect}`}`;
      const admin = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await admin.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });

      // The rounds: copy 2025 into 2026.
      await logInAs(page, url, PERSONAS.admin.email, '/admin/runder');
      expect(await page.textContent('main')).toContain('Fra filer');
      await checkPage(page, shot('liste'));
      await page.selectOption('#kopi-fra', '2025');
      await page.fill('#kopi-til', '2026');
      await Promise.all([page.waitForURL(`${url}/admin/runder/2026?kopieret=1`), page.click('button:has-text("Kopiér runden")')]);
      expect(await page.textContent('main')).toContain('Runden er oprettet som kladde');
      expect(await page.textContent('main')).toContain('2025');
      await checkPage(page, shot('kladde'));

      // The form's schema: typing broken JSON is caught as typed, then the rename and the new question.
      await Promise.all([page.waitForURL(/filer\/maaltal\.schema\.json$/), page.click('a:has-text("Redigér maaltal.schema.json")')]);
      const original = await page.inputValue('#rundefil-indhold');
      expect(await page.textContent('#rundefil-fejl-antal')).toBe('Ingen fejl i runden.');
      expect(await page.locator('#rundefil-forhaandsvisning form').count()).toBe(1);
      await typeInEditor(page, original.slice(0, 200));
      expect(await page.textContent('#rundefil-fejl-antal')).toBe('1 fejl i runden:');
      expect(await page.textContent('#rundefil-fejl')).toContain('maaltal.schema.json');
      expect(await page.textContent('#rundefil-fejl')).toContain('ugyldig JSON');
      await typeInEditor(page, editMaaltalSchema(original));
      // The ui still orders the old fields: the lint names the ui file's order before any page renders it.
      expect(await page.textContent('#rundefil-fejl-antal')).toBe('2 fejl i runden:');
      expect(await page.textContent('#rundefil-fejl')).toContain('maaltal.ui.json');
      expect(await page.textContent('#rundefil-fejl')).toContain('"ui:order" mangler "fuldtNavn", "stilling"');
      await Promise.all([page.waitForURL(/maaltal\.schema\.json\?gemt=1$/), page.click('button:has-text("Gem filen")')]);

      // The ui: the new order clears the lint, and the live preview renders the form again.
      await page.goto(`${url}/admin/runder/2026/filer/maaltal.ui.json?trin=1`);
      await typeInEditor(page, editMaaltalUi(await page.inputValue('#rundefil-indhold')));
      expect(await page.textContent('#rundefil-fejl-antal')).toBe('Ingen fejl i runden.');
      const preview = page.locator('#rundefil-forhaandsvisning');
      await expect.poll(() => preview.locator('form').count()).toBe(1);
      await Promise.all([page.waitForURL(/maaltal\.ui\.json\?gemt=1$/), page.click('button:has-text("Gem filen")')]);
      expect(await page.textContent('main')).toContain('Filen er gemt.');
      // The page opened while the round had issues, so it had no step chooser: reopen it at the contact step.
      // The preview shows both fields as municipalities will see them.
      await page.goto(`${url}/admin/runder/2026/filer/maaltal.ui.json?trin=1`);
      expect(await preview.textContent()).toContain(RENAMED_TITLE);
      expect(await preview.textContent()).toContain(NEW_QUESTION_TITLE);
      expect(await preview.locator('#root_kontakt_fuldtNavn').count()).toBe(1);
      expect(await preview.locator('#root_kontakt_stilling').count()).toBe(1);
      await checkPage(page, shot('editor'));

      // The diff: the rename follows x-lineage, the optional question is additive.
      await page.goto(`${url}/admin/runder/2026`);
      await Promise.all([page.waitForURL(/aendringer$/), page.click('a:has-text("Ændringer i skemaerne")')]);
      const renamed = page.locator('tr[data-kind="renamed"]');
      expect(await renamed.textContent()).toContain('/kontakt/fuldtNavn');
      expect(await renamed.textContent()).toContain('omdøbt fra /kontakt/navn');
      expect(await renamed.getAttribute('data-breaking')).toBe('nej');
      const added = page.locator('tr[data-kind="added"]');
      expect(await added.textContent()).toContain('/kontakt/stilling');
      expect(await added.getAttribute('data-breaking')).toBe('nej');
      expect(await page.textContent('main')).toContain('Ingen ændringer bryder med sidste års svar.');
      await checkPage(page, shot('aendringer'));

      // The dry run: last year's one report is still valid.
      await page.goto(`${url}/admin/runder/2026/proevekoersel`);
      expect(await page.textContent('[data-form="maaltal"]')).toBe('1 af 1 indberetninger er gyldige; 0 ville fejle.');
      await checkPage(page, shot('proevekoersel'));

      // Publish; from then on the files are shown, never saved.
      await page.goto(`${url}/admin/runder/2026`);
      await Promise.all([page.waitForURL(/offentliggjort=1$/), page.click('button:has-text("Offentliggør runde 2026")')]);
      expect(await page.textContent('main')).toContain('Runden er offentliggjort og låst');
      expect(await page.textContent('main')).toMatch(/[0-9a-f]{64}/);
      await page.goto(`${url}/admin/runder/2026/filer/maaltal.ui.json`);
      expect(await page.locator('#rundefil-indhold').getAttribute('readonly')).not.toBeNull();
      expect(await page.locator('button:has-text("Gem filen")').count()).toBe(0);
      expect(problems).toEqual([]);
      await admin.close();

      // Frederiksberg opens next year's round: last year's answers, the renamed field included, a banner until confirmed.
      const kommune = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const form = await kommune.newPage();
      form.on('pageerror', (e) => problems.push(String(e)));
      form.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await logInAs(form, url, PERSONAS.respondentA.email, '/');
      expect(await form.textContent('main')).toContain('2026');
      expect(await form.textContent('main')).toContain('31. maj 2026');
      await Promise.all([form.waitForURL(/\/indberetning\/2026\/maaltal\/trin\/1$/), form.locator('a[href="/indberetning/2026/maaltal"]').click()]);
      await form.waitForSelector('.indberet-form[data-ready]');
      expect(await form.textContent('#forudfyldt')).toContain('Forudfyldt fra sidste år');
      expect(await form.textContent('#forudfyldt')).toContain('runde 2025');
      expect(await form.inputValue('#root_enheder_0_navn')).toBe('Frederiksberg Kommune');
      expect(await form.inputValue('#root_enheder_0_niveau2_maend')).toBe('4');
      expect(await form.inputValue('#root_enheder_0_politik_handlinger')).toBe('Begge køn på alle shortlister.');
      await checkPage(form, shot('forudfyldt'));

      await form.goto(`${url}/indberetning/2026/maaltal/trin/2`);
      await form.waitForSelector('.indberet-form[data-ready]');
      expect(await form.inputValue('#root_kontakt_fuldtNavn')).toBe('Kontakt Person');
      expect(await form.inputValue('#root_kontakt_stilling')).toBe('');
      // The browser validates with the validators generated at publish: typing saves the draft.
      await form.fill('#root_kontakt_stilling', 'Kommunaldirektør');
      const saved = async () =>
        JSON.parse((await database.db.selectFrom('submissions').select('answers').where('round_id', '=', '2026').executeTakeFirstOrThrow()).answers).kontakt;
      await expect.poll(saved, { timeout: 10_000 }).toMatchObject({ fuldtNavn: 'Kontakt Person', stilling: 'Kommunaldirektør' });
      await expect.poll(() => form.textContent('.indberet-autosave')).toMatch(/^Gemt kl\./);

      await Promise.all([form.waitForURL(/trin\/1\?bekraeftet=1$/), form.click('button:has-text("Bekræft sidste års svar")')]);
      expect(await form.locator('#forudfyldt').count()).toBe(0);
      expect(problems).toEqual([]);
      await kommune.close();
      // A whole journey of two people in one test, with an accessibility check per page: on a loaded
      // machine (load average 14) it took longer than the default minute.
    }, 180_000);
  });
}
