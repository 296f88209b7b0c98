import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { createUser } from '../../engine/workflows/index.ts';
import {
  createTestClock,
  forEachDialect,
  invalidMaaltal,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  validMaaltal,
  type TestClient,
  type TestServer,
} from '../helpers/index.ts';

const OWN = '/api/rounds/2024/forms/maaltal/submission';

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

forEachDialect('HTTP API', (t) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  let server: TestServer;
  let admin: TestClient;

  /** A respondent of a municipality with a fresh account, logged in. */
  async function respondent(kommunekode: string): Promise<TestClient> {
    const email = `r${kommunekode}@example.dk`;
    const u = await createUser({ db: t.db, clock: clock.now }, { email, navn: 'R', role: 'respondent', code: kommunekode, password: PASSWORD, actorId: null });
    if (!u.ok) throw new Error(u.code);
    const c = server.client();
    expect((await c.login(email, PASSWORD)).status).toBe(200);
    return c;
  }

  beforeAll(async () => {
    await seedTestData({ db: t.db, registry, clock: clock.now });
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { bodyLimit: '100kb' } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('drafts and versions', () => {
    it('answers 428 without If-Match and 400 for a malformed one', async () => {
      const c = await respondent('0153');
      const none = await c.request('PUT', OWN, { json: { answers: validMaaltal('0153') } });
      expect(none.status).toBe(428);
      expect(none.body.code).toBe('VERSION_REQUIRED');
      const bad = await c.request('PUT', OWN, { json: { answers: validMaaltal('0153') }, headers: { 'if-match': 'abc' } });
      expect(bad.status).toBe(400);
    });

    it('lets one of two saves with the same version win; the other gets 409 and nothing is lost', async () => {
      const c1 = await respondent('0155');
      const c2 = server.client();
      expect((await c2.login('r0155@example.dk', PASSWORD)).status).toBe(200);
      const [r1, r2] = await Promise.all([
        c1.request('PUT', OWN, { json: { answers: validMaaltal('0155', 'Fra første faneblad') }, headers: { 'if-match': '"0"' } }),
        c2.request('PUT', OWN, { json: { answers: validMaaltal('0155', 'Fra andet faneblad') }, headers: { 'if-match': '"0"' } }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      const winner = r1.status === 200 ? r1 : r2;
      expect(loser.body.code).toBe('VERSION_CONFLICT');
      expect(loser.body.message).toMatch(/ændret, siden du hentede den/);
      expect(winner.headers.get('etag')).toBe('"1"');
      const stored = await c1.request('GET', OWN);
      expect(stored.body.submission.version).toBe(1);
      expect(stored.body.submission.answers.enheder[0].navn).toBe(winner.body.submission.answers.enheder[0].navn);
      // The loser reloads, and its save on the current version is kept as version 2.
      const retry = await (loser === r1 ? c1 : c2).request('PUT', OWN, {
        json: { answers: validMaaltal('0155', 'Efter genindlæsning') },
        headers: { 'if-match': stored.headers.get('etag')! },
      });
      expect(retry.status).toBe(200);
      expect(retry.body.submission.version).toBe(2);
      const versions = await t.db
        .selectFrom('submission_versions')
        .select(['version', 'answers'])
        .where('submission_id', '=', stored.body.submission.id)
        .orderBy('version')
        .execute();
      expect(versions.map((v) => JSON.parse(v.answers).enheder[0].navn)).toEqual([
        winner.body.submission.answers.enheder[0].navn,
        'Efter genindlæsning',
      ]);
    });

    it('saves an invalid draft with the issues as information, and refuses to submit it with 422', async () => {
      const c = await respondent('0157');
      const put = await c.request('PUT', OWN, { json: { answers: invalidMaaltal('0157') }, headers: { 'if-match': '0' } });
      expect(put.status).toBe(200);
      expect(put.body.issues.length).toBeGreaterThan(0);
      const sub = await c.request('POST', `${OWN}/submit`, { headers: { 'if-match': '1' } });
      expect(sub.status).toBe(422);
      expect(sub.body.code).toBe('INVALID_ANSWERS');
      expect(sub.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]));
      const still = await c.request('GET', OWN);
      expect(still.body.submission).toMatchObject({ status: 'draft', version: 1 });
    });
  });

  describe('deadline', () => {
    it('refuses a submit after the deadline with a clear message, and accepts it with an extension', async () => {
      const early = await respondent('0159');
      const put = await early.request('PUT', OWN, { json: { answers: validMaaltal('0159') }, headers: { 'if-match': '0' } });
      expect(put.status).toBe(200);
      clock.set('2024-06-01T08:00:00Z');
      try {
        // A month later the old session has expired: a state change is told to log in again.
        const stale = await early.request('POST', `${OWN}/submit`, { headers: { 'if-match': '1' } });
        expect(stale.status).toBe(401);
        expect(stale.body.code).toBe('UNAUTHENTICATED');
        const c = server.client();
        expect((await c.login('r0159@example.dk', PASSWORD)).status).toBe(200);
        expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
        const late = await c.request('POST', `${OWN}/submit`, { headers: { 'if-match': '1' } });
        expect(late.status).toBe(403);
        expect(late.body).toEqual({
          code: 'DEADLINE_PASSED',
          message: 'Fristen for indsendelse var 31. maj 2024. Indberetningen kan ikke indsendes efter fristen uden en forlængelse fra ministeriet.',
        });
        const ext = await admin.request('PUT', '/api/admin/rounds/2024/forms/maaltal/extensions/0159', { json: { until: '2024-06-14' } });
        expect(ext.status).toBe(200);
        const own = await c.request('GET', OWN);
        expect(own.body.deadline).toEqual({ frist: '2024-05-31', extendedUntil: '2024-06-14', closesAt: '2024-06-14T22:00:00.000Z' });
        const ok = await c.request('POST', `${OWN}/submit`, { headers: { 'if-match': '1' } });
        expect(ok.status).toBe(200);
        expect(ok.body.submission).toMatchObject({ status: 'submitted', version: 2 });
        expect(ok.body.submission.answers.enheder[0]).toMatchObject({ antal: 6, ligelig: false });
      } finally {
        clock.set('2024-05-01T10:00:00Z');
        expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
      }
    });
  });

  describe('CSRF, cookies and sessions', () => {
    it('refuses state changes without the CSRF token or with a wrong one', async () => {
      const c = await respondent('0161');
      const none = await c.request('PUT', OWN, { json: { answers: {} }, headers: { 'if-match': '0' }, noCsrf: true });
      expect(none.status).toBe(403);
      expect(none.body.code).toBe('CSRF_INVALID');
      const wrong = await c.request('PUT', OWN, { json: { answers: {} }, headers: { 'if-match': '0', 'x-csrf-token': 'x'.repeat(43) } });
      expect(wrong.status).toBe(403);
      const anon = server.client();
      const login = await anon.request('POST', '/api/auth/login', { json: { email: PERSONAS.admin.email, password: PASSWORD } });
      expect(login.status).toBe(403);
      // A form post carries the token in the _csrf field instead of the header.
      const form = await c.request('POST', '/api/auth/logout', {
        raw: `_csrf=${encodeURIComponent(c.csrf!)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        noCsrf: true,
      });
      expect(form.status).toBe(204);
      expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
    });

    it('sets HttpOnly SameSite=Lax cookies, Secure behind a TLS proxy', async () => {
      const c = server.client();
      await c.fetchCsrf();
      const r = await c.request('POST', '/api/auth/login', { json: { email: PERSONAS.analyst.email, password: PASSWORD } });
      const cookie = r.headers.getSetCookie().find((s) => s.startsWith('indberet_sid='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
      const behindProxy = await startTestServer({ db: t.db, registry, clock: clock.now, config: { trustProxy: 'loopback' } });
      try {
        const p = behindProxy.client();
        const token = await p.fetchCsrf();
        const viaTls = await p.request('POST', '/api/auth/login', {
          json: { email: PERSONAS.analyst.email, password: PASSWORD },
          headers: { 'x-forwarded-proto': 'https', 'x-csrf-token': token },
        });
        expect(viaTls.status).toBe(200);
        expect(viaTls.headers.getSetCookie().find((s) => s.startsWith('indberet_sid='))).toMatch(/Secure/);
      } finally {
        await behindProxy.close();
      }
    });

    it('ends the session on logout and the other sessions on a password change', async () => {
      const email = 'skift@example.dk';
      const u = await createUser({ db: t.db, clock: clock.now }, { email, navn: 'S', role: 'analyst', password: PASSWORD, actorId: null });
      expect(u.ok).toBe(true);
      const one = server.client();
      const two = server.client();
      await one.login(email, PASSWORD);
      await two.login(email, PASSWORD);
      const changed = await one.request('POST', '/api/auth/password', { json: { current: PASSWORD, next: 'et andet langt kodeord' } });
      expect(changed.status).toBe(204);
      expect((await two.request('GET', '/api/auth/me')).status).toBe(401);
      expect((await one.request('GET', '/api/auth/me')).status).toBe(200);
      expect((await one.request('POST', '/api/auth/logout')).status).toBe(204);
      expect((await one.request('GET', '/api/auth/me')).status).toBe(401);
      const relogin = server.client();
      expect((await relogin.login(email, PASSWORD)).status).toBe(401);
      expect((await relogin.login(email, 'et andet langt kodeord')).status).toBe(200);
    });

    it('shares sessions between instances on the same database', async () => {
      const other = await startTestServer({ db: t.db, registry, clock: clock.now });
      try {
        const c = server.client();
        expect((await c.login(PERSONAS.analyst.email, PASSWORD)).status).toBe(200);
        const moved = other.client();
        for (const [k, v] of c.cookies) moved.cookies.set(k, v);
        moved.csrf = c.csrf;
        expect((await moved.request('GET', '/api/auth/me')).body.user.email).toBe(PERSONAS.analyst.email);
        expect((await moved.request('POST', '/api/auth/logout')).status).toBe(204);
        expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('holds a user with a one-time password to the password change', async () => {
      const created = await admin.request('POST', '/api/admin/users', { json: { email: 'kontakt@dragoer.dk', navn: 'Kontakt', role: 'respondent', code: '0155' } });
      expect(created.status).toBe(201);
      expect(created.body.user).toMatchObject({ mustChangePassword: true, organisation: { code: '0155' } });
      expect(JSON.stringify(created.body)).not.toMatch(/scrypt/);
      const c = server.client();
      expect((await c.login('kontakt@dragoer.dk', created.body.password)).status).toBe(200);
      expect((await c.request('GET', OWN)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await c.request('POST', '/api/auth/password', { json: { current: created.body.password, next: 'mit eget lange kodeord' } })).status).toBe(204);
      expect((await c.request('GET', OWN)).status).toBe(200);
    });
  });

  describe('login throttling', () => {
    it('answers 429 with Retry-After and a Danish wait once an account pauses, and for an address past its limit', async () => {
      const limited = await startTestServer({
        db: t.db,
        registry,
        clock: clock.now,
        config: { trustProxy: 'loopback', throttle: { firstDelaySeconds: 60, ipFailures: 6 } },
      });
      try {
        const c = limited.client();
        const token = await c.fetchCsrf();
        const from = (ip: string) => ({ 'x-forwarded-for': ip, 'x-csrf-token': token });
        const attempt = (email: string, password: string, ip: string) =>
          c.request('POST', '/api/auth/login', { json: { email, password }, headers: from(ip) });
        for (let i = 0; i < 5; i++) expect((await attempt(PERSONAS.analyst.email, 'forkert kodeord nu', '192.0.2.1')).status).toBe(401);
        const paused = await attempt(PERSONAS.analyst.email, PASSWORD, '192.0.2.2');
        expect(paused.status).toBe(429);
        expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(50);
        expect(Number(paused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(paused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: 'For mange mislykkede forsøg. Vent 1 minut, og prøv igen.' });
        for (let i = 0; i < 6; i++) await attempt(`ukendt${i}@example.dk`, 'forkert kodeord nu', '192.0.2.3');
        const sprayed = await attempt(PERSONAS.respondentB.email, PASSWORD, '192.0.2.3');
        expect(sprayed.status).toBe(429);
        expect(Number(sprayed.headers.get('retry-after'))).toBeGreaterThan(3000);
        expect((await attempt(PERSONAS.respondentB.email, PASSWORD, '192.0.2.4')).status).toBe(200);
      } finally {
        await limited.close();
        await t.db.deleteFrom('login_throttle').execute();
      }
    });
  });

  describe('errors', () => {
    it('answers malformed JSON with 400, an oversized body with 413 and an unknown route with 404', async () => {
      const c = await respondent('0163');
      const malformed = await c.request('PUT', OWN, { raw: '{"answers": {', headers: { 'content-type': 'application/json', 'if-match': '0' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ code: 'MALFORMED_JSON', message: 'Forespørgslens indhold er ikke gyldig JSON.' });
      const big = await c.request('PUT', OWN, { json: { answers: { fyld: 'x'.repeat(150_000) } }, headers: { 'if-match': '0' } });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const unknown = await c.request('GET', '/api/findes-ikke');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'Adressen findes ikke.' });
      const unknownForm = await c.request('GET', '/api/rounds/2024/forms/findes-ikke');
      expect(unknownForm.status).toBe(404);
      expect(unknownForm.body.code).toBe('FORM_NOT_FOUND');
      for (const r of [malformed, big, unknown]) expect(r.text).not.toMatch(/node_modules|\.ts:\d+|stack/);
    });

    it('refuses text holding a NUL character with the same 400 on both back ends, and stores nothing', async () => {
      const c = await respondent('0165');
      const before = await t.db.selectFrom('submissions').select('id').execute();
      const nul = await c.request('PUT', OWN, { raw: '{"answers": {"kontakt": {"navn": "Anne\\u0000Hansen"}}}', headers: { 'content-type': 'application/json', 'if-match': '0' } });
      expect(nul.status).toBe(400);
      expect(nul.body).toEqual({ code: 'NUL_CHARACTER', message: 'Teksten indeholder et tegn, der ikke kan gemmes (NUL-tegnet, tegnkode 0). Fjern det og prøv igen.' });
      const login = await server.client().request('POST', '/api/auth/login', { json: { email: 'a\u0000@frederiksberg.dk', password: PASSWORD } });
      expect(login.body.code).toBe('NUL_CHARACTER');
      const form = await server.client().request('POST', '/login', { raw: 'email=a%00b%40x.dk&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, noCsrf: true });
      expect(form.status).toBe(400);
      expect(await t.db.selectFrom('submissions').select('id').execute()).toEqual(before);
      // An escaped backslash followed by the letters u0000 is ordinary text.
      const text = await c.request('PUT', OWN, { raw: '{"answers": {"kontakt": {"navn": "C:\\\\u0000"}}}', headers: { 'content-type': 'application/json', 'if-match': '0' } });
      expect(text.status).toBe(200);
      expect(text.body.submission.answers.kontakt.navn).toBe('C:\\u0000');
    });

    it('sends security headers', async () => {
      const r = await server.client().request('GET', '/healthz');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('audit', () => {
    it('verifies the chain through the API and reports tampering', async () => {
      const ok = await admin.request('GET', '/api/admin/audit/verify');
      expect(ok.body).toMatchObject({ ok: true, count: expect.any(Number) });
      expect(ok.body.count).toBeGreaterThan(10);
      const entry = await t.db.selectFrom('audit_log').select(['seq', 'actor_id', 'chain']).where('action', '=', 'submission.submitted').orderBy('seq').executeTakeFirstOrThrow();
      await t.db.updateTable('audit_log').set({ actor_id: null }).where('seq', '=', entry.seq).execute();
      const broken = await admin.request('GET', '/api/admin/audit/verify');
      expect(broken.body).toEqual({ ok: false, seq: entry.seq, chain: entry.chain, reason: 'hash' });
      // The verifying call sealed the tips it saw into a checkpoint.
      const checkpoints = await t.db.selectFrom('audit_checkpoints').select('seq').execute();
      expect(checkpoints.length).toBeGreaterThan(0);
      await t.db.updateTable('audit_log').set({ actor_id: entry.actor_id }).where('seq', '=', entry.seq).execute();
      expect((await admin.request('GET', '/api/admin/audit/verify')).body.ok).toBe(true);
    });
  });
});
