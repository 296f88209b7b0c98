import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { base32Decode, totpCode, totpStep } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';

const UA = 'Testbrowser/1.0 (totrin)';
const IP = '192.0.2.40';

forEachDialect('TOTP second factor', (t) => {
  let registry: Registry;
  let server: TestServer;
  let ids: Record<keyof typeof PERSONAS, string>;
  const clock = createTestClock('2024-03-01T09:00:00Z');
  const secrets = new Map<string, string>();
  const recovery = new Map<string, readonly string[]>();

  /** The code the app shows now (or `steps` steps away). */
  const code = (email: string, steps = 0) => totpCode(base32Decode(secrets.get(email)!)!, totpStep(clock.now()) + steps);
  const headers = (c: TestClient) => ({ 'x-forwarded-for': IP, 'user-agent': UA, ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) });
  const post = (c: TestClient, path: string, json: unknown) => c.request('POST', path, { json, headers: headers(c) });
  const login = async (email: string, password = PASSWORD) => {
    const c = server.client();
    await c.fetchCsrf();
    const r = await post(c, '/api/auth/login', { email, password });
    if (r.status === 200) c.csrf = r.body.csrfToken as string;
    return { c, r };
  };
  /** Enrols through the API from a fresh login and keeps the secret and the recovery codes. */
  const enrol = async (email: string) => {
    const { c } = await login(email);
    const started = await post(c, '/api/auth/totp/enrol', {});
    expect(started.status).toBe(200);
    secrets.set(email, started.body.secret as string);
    const confirmed = await post(c, '/api/auth/totp/confirm', { code: code(email) });
    expect(confirmed.status).toBe(200);
    recovery.set(email, confirmed.body.recoveryCodes as string[]);
    return c;
  };
  const audit = (action: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id', 'data'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute()
      .then((rows) => rows.map((r): Record<string, unknown> => ({ actor: r.actor_id, entity: r.entity_id, ...(JSON.parse(r.data) as Record<string, unknown>) })));

  beforeAll(async () => {
    registry = await testRegistry();
    ids = await seedTestData({ db: t.db, registry, clock: clock.now });
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { mfaRequired: true, trustProxy: 'loopback', throttle: { freeFailures: 3, firstDelaySeconds: 60 } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('holds an admin without a second factor to the enrolment, then lets them in with a code', async () => {
    const { c, r } = await login(PERSONAS.admin.email);
    expect(r.status).toBe(200);
    expect(r.body.secondFactor).toBe('enrol');
    const blocked = await c.request('GET', '/api/admin/audit/verify');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('MFA_ENROLMENT_REQUIRED');
    expect((await c.request('GET', '/api/rounds')).body.code).toBe('MFA_ENROLMENT_REQUIRED');
    const page = await c.request('GET', '/admin/brugere');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/totp');
    expect((await c.request('GET', '/api/auth/me')).body.secondFactor).toBe('enrol');

    const started = await post(c, '/api/auth/totp/enrol', {});
    expect(started.status).toBe(200);
    expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Indberetning:admin%40lige\.dk\?secret=[A-Z2-7]{32}&/);
    // Asked again before confirming, the same secret comes back: the app already holds it.
    expect((await post(c, '/api/auth/totp/enrol', {})).body.secret).toBe(started.body.secret);
    secrets.set(PERSONAS.admin.email, started.body.secret as string);

    const wrong = await post(c, '/api/auth/totp/confirm', { code: code(PERSONAS.admin.email, 5) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CODE');
    const ok = await post(c, '/api/auth/totp/confirm', { code: code(PERSONAS.admin.email) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    recovery.set(PERSONAS.admin.email, ok.body.recoveryCodes as string[]);
    expect((await c.request('GET', '/api/admin/audit/verify')).status).toBe(200);
    expect((await post(c, '/api/auth/totp/enrol', {})).body.code).toBe('MFA_ALREADY_ENROLLED');

    // Recovery codes are kept only as hashes.
    const stored = await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', ids.admin).execute();
    expect(stored).toHaveLength(10);
    expect(stored.some((s) => ok.body.recoveryCodes.includes(s.code_hash))).toBe(false);
    expect(await audit('security.mfa_enrolled')).toEqual([{ actor: ids.admin, entity: ids.admin, ip: IP, userAgent: UA, email: PERSONAS.admin.email }]);
    expect(await audit('security.mfa_failed')).toEqual([expect.objectContaining({ entity: ids.admin, ip: IP, userAgent: UA, stage: 'enrolment' })]);
  });

  it('asks an enrolled user for the code after the password, and refuses a wrong or replayed code', async () => {
    clock.advance(60_000);
    const email = PERSONAS.admin.email;
    const { c, r } = await login(email);
    expect(r.body.secondFactor).toBe('code');
    const blocked = await c.request('GET', '/api/admin/audit/verify');
    expect(blocked.status).toBe(401);
    expect(blocked.body.code).toBe('MFA_REQUIRED');
    expect((await c.request('GET', '/admin/brugere')).headers.get('location')).toBe('/login/kode');

    const wrong = await post(c, '/api/auth/totp/verify', { code: code(email, 3) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CODE');
    expect((await c.request('GET', '/api/admin/audit/verify')).status).toBe(401);
    const used = code(email);
    expect((await post(c, '/api/auth/totp/verify', { code: used })).status).toBe(200);
    expect((await c.request('GET', '/api/admin/audit/verify')).status).toBe(200);

    // The same code again, from another browser within its 30 seconds: refused.
    const again = await login(email);
    const replay = await post(again.c, '/api/auth/totp/verify', { code: used });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_CODE');
    // The next step's code works (one step of drift is allowed).
    expect((await post(again.c, '/api/auth/totp/verify', { code: code(email, 1) })).status).toBe(200);

    const failed = (await audit('security.mfa_failed')).filter((e) => e.stage === 'login');
    expect(failed).toEqual([
      { actor: ids.admin, entity: ids.admin, ip: IP, userAgent: UA, email, stage: 'login' },
      { actor: ids.admin, entity: ids.admin, ip: IP, userAgent: UA, email, stage: 'login' },
    ]);
    expect((await audit('user.mfa_verified')).length).toBe(2);
  });

  it('takes a recovery code instead of the app once, and only once', async () => {
    clock.advance(5 * 60_000);
    const email = PERSONAS.admin.email;
    const [first] = recovery.get(email)!;
    const { c } = await login(email);
    const ok = await post(c, '/api/auth/totp/verify', { code: first!.toUpperCase() });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ recoveryCode: true, recoveryCodesLeft: 9 });
    const again = await login(email);
    const refused = await post(again.c, '/api/auth/totp/verify', { code: first });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_CODE');
    expect(await audit('security.recovery_code_used')).toEqual([{ actor: ids.admin, entity: ids.admin, ip: IP, userAgent: UA, email, recoveryCodesLeft: 9 }]);
    expect((await c.request('GET', '/api/auth/totp')).body).toEqual({ enrolled: true, recoveryCodesLeft: 9 });
  });

  it('runs the same steps as pages: login, code page, then where the person was going', async () => {
    clock.advance(5 * 60_000);
    const email = PERSONAS.admin.email;
    const c = server.client();
    const anon = await c.fetchCsrf();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const urlencoded = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': IP, 'user-agent': UA };
    const r = await c.request('POST', '/login', { raw: form({ _csrf: anon, email, password: PASSWORD, next: '/admin/brugere' }), headers: urlencoded, noCsrf: true });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login/kode?next=%2Fadmin%2Fbrugere');
    c.csrf = (await c.request('GET', '/api/auth/me')).body.csrfToken as string;
    const page = await c.request('GET', '/login/kode?next=%2Fadmin%2Fbrugere');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Indtast kode');
    const wrong = await c.request('POST', '/login/kode', { raw: form({ _csrf: c.csrf, kode: '12345', next: '/admin/brugere' }), headers: urlencoded, noCsrf: true });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Koden er forkert');
    const ok = await c.request('POST', '/login/kode', { raw: form({ _csrf: c.csrf, kode: code(email), next: '/admin/brugere' }), headers: urlencoded, noCsrf: true });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin/brugere');
    const users = await c.request('GET', '/admin/brugere');
    expect(users.status).toBe(200);
    expect(users.text).toContain('Totrinsbekræftelse');
  });

  it('lets a respondent enrol from a page of their own, optionally', async () => {
    const email = PERSONAS.respondentA.email;
    const { c, r } = await login(email);
    expect(r.body.secondFactor).toBeNull();
    expect((await c.request('GET', '/api/rounds')).status).toBe(200);
    const page = await c.request('GET', '/totp');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Totrinsbekræftelse');
    const secret = /id="totp-noegle">([A-Z2-7 ]+)</.exec(page.text)?.[1]?.replace(/ /g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    secrets.set(email, secret!);
    const urlencoded = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': IP, 'user-agent': UA };
    const done = await c.request('POST', '/totp', { raw: new URLSearchParams({ _csrf: c.csrf!, kode: code(email) }).toString(), headers: urlencoded, noCsrf: true });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Dine gendannelseskoder');
    expect(done.text.match(/<code>[a-z2-9]{5}-[a-z2-9]{5}<\/code>/g)).toHaveLength(10);
    expect((await c.request('GET', '/totp')).text).toContain('Du har 10 ubrugte gendannelseskoder');
    clock.advance(60_000);
    expect((await login(email)).r.body.secondFactor).toBe('code');
  });

  it('lets an admin reset a second factor (API and page), ending the sessions, audited', async () => {
    clock.advance(60_000);
    const analyst = await enrol(PERSONAS.analyst.email);
    expect((await analyst.request('GET', '/api/auth/me')).status).toBe(200);
    clock.advance(60_000);
    const { c: admin } = await login(PERSONAS.admin.email);
    expect((await post(admin, '/api/auth/totp/verify', { code: code(PERSONAS.admin.email) })).status).toBe(200);

    // Only an admin may reset.
    expect((await post(analyst, `/api/admin/users/${ids.admin}/totp/reset`, {})).status).toBe(403);
    const reset = await post(admin, `/api/admin/users/${ids.analyst}/totp/reset`, {});
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ wasEnrolled: true });
    expect((await analyst.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await login(PERSONAS.analyst.email)).r.body.secondFactor).toBe('enrol');
    expect(await audit('security.mfa_reset')).toEqual([
      { actor: ids.admin, entity: ids.analyst, ip: IP, userAgent: UA, email: PERSONAS.analyst.email, wasEnrolled: true },
    ]);
    expect((await post(admin, '/api/admin/users/ukendt/totp/reset', {})).status).toBe(404);

    // The page: the respondent enrolled above is reset from the users page's form (same workflow).
    const urlencoded = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': IP, 'user-agent': UA };
    clock.advance(60_000);
    await enrol(PERSONAS.analyst.email);
    const list = await admin.request('GET', '/admin/brugere');
    expect(list.text).toContain(`/admin/brugere/${ids.analyst}/totp/nulstil`);
    const page = await admin.request('POST', `/admin/brugere/${ids.analyst}/totp/nulstil`, { raw: new URLSearchParams({ _csrf: admin.csrf! }).toString(), headers: urlencoded, noCsrf: true });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Totrinsbekræftelsen for ${PERSONAS.analyst.email} er nulstillet`);
    expect((await audit('security.mfa_reset')).length).toBe(2);

    const events = await admin.request('GET', '/admin/sikkerhed');
    for (const text of ['Totrinsbekræftelse nulstillet af en administrator', 'Totrinsbekræftelse aktiveret', 'Gendannelseskode brugt', 'Forkert engangskode eller gendannelseskode']) expect(events.text).toContain(text);
  });

  it('throttles wrong codes like passwords: sent at once, those past the limit get 429 with Retry-After', async () => {
    clock.advance(60_000);
    const email = PERSONAS.respondentB.email;
    await enrol(email);
    clock.advance(60_000);
    const { c } = await login(email);
    const right = code(email);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(c, '/api/auth/totp/verify', { code: wrong })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // 3 free failures, then one attempt per pause.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.body.message).toMatch(/^For mange mislykkede forsøg\. Vent \d+ (sekund|sekunder|minut|minutter), og prøv igen\.$/);
    // The right code is refused too while the account pauses: the pause is not skipped by a guess.
    expect((await post(c, '/api/auth/totp/verify', { code: right })).status).toBe(429);
    const throttled = (await audit('security.throttled')).filter((e) => e.entity === ids.respondentB);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0]).toMatchObject({ ip: IP, userAgent: UA, stage: 'login' });
  });
});
