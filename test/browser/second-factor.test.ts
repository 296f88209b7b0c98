import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpCode, totpStep } from '../../engine/workflows/index.ts';
import { PASSWORD, PERSONAS } from '../helpers/index.ts';
import { checkPage, explainMissingBrowser, HAS_CHROMIUM, MUST_RUN, startBrowserApp, type BrowserApp } from './browser-app.ts';

explainMissingBrowser();
const run = HAS_CHROMIUM || MUST_RUN;
// The app's clock stands still in these tests (2024-05-01 10:00 UTC), so the codes are computed for it.
const NOW = new Date('2024-05-01T10:00:00Z');

describe.runIf(run)('the second factor in Chromium [sqlite]', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp('sqlite', { mfaRequired: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an admin enrols at the first login, keeps the recovery codes and is asked for a code at the next', async () => {
    const url = app.server.url;
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const logIn = async () => {
      await page.goto(`${url}/login`);
      await page.fill('#email', PERSONAS.admin.email);
      await page.fill('#password', PASSWORD);
      await page.click('button:has-text("Log ind")');
    };

    await logIn();
    await page.waitForURL(`${url}/totp`);
    expect(await page.textContent('main')).toContain('Din rolle kræver totrinsbekræftelse');
    await checkPage(page, 'totrin-tilmelding');
    // Nothing else opens before the enrolment.
    await page.goto(`${url}/admin/brugere`);
    expect(page.url()).toBe(`${url}/totp`);

    const secret = (await page.textContent('#totp-noegle'))!.replace(/\s/g, '');
    const key = base32Decode(secret)!;
    await page.fill('#kode', '000000' === totpCode(key, totpStep(NOW)) ? '111111' : '000000');
    await page.click('button:has-text("Aktivér totrinsbekræftelse")');
    expect(await page.textContent('.form-error-message')).toContain('Koden er forkert');
    await checkPage(page, 'totrin-tilmelding-fejl');
    await page.fill('#kode', totpCode(key, totpStep(NOW)));
    await page.click('button:has-text("Aktivér totrinsbekræftelse")');
    await page.waitForSelector('#gendannelseskoder');
    expect(await page.locator('#gendannelseskoder li').count()).toBe(10);
    await checkPage(page, 'totrin-gendannelseskoder');
    await Promise.all([page.waitForURL(new RegExp(`^${url}/admin`)), page.click("text=Jeg har gemt koderne – fortsæt")]);

    await page.click('button:has-text("Log af")');
    await logIn();
    await page.waitForURL(`${url}/login/kode`);
    await checkPage(page, 'totrin-kode');
    // The code just used is not taken again; the next step's is (one step of drift allowed).
    await page.fill('#kode', totpCode(key, totpStep(NOW)));
    await page.click('button:has-text("Fortsæt")');
    expect(await page.textContent('.form-error-message')).toContain('Koden er forkert');
    await page.fill('#kode', totpCode(key, totpStep(NOW) + 1));
    await Promise.all([page.waitForURL(new RegExp(`^${url}/admin`)), page.click('button:has-text("Fortsæt")')]);
    await page.goto(`${url}/admin/brugere`);
    expect(page.url()).toBe(`${url}/admin/brugere`);
    expect(await page.textContent('main')).toContain('Aktiveret');
    await context.close();
  }, 120_000);
});
