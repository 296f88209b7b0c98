import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { hashPassword } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestServer } from '../helpers/index.ts';

// Issue 16 point 2: existing users keep their passwords and are asked at the next login only if theirs fails the rule.
forEachDialect('a password set before the rule, at the next login', (t) => {
  let registry: Registry;
  let server: TestServer;
  const clock = createTestClock('2024-03-01T09:00:00Z');
  const OLD = 'sommer2019';

  beforeAll(async () => {
    registry = await testRegistry();
    await seedTestData({ db: t.db, registry, clock: clock.now });
    // As a password chosen before the rule existed: stored as is, never checked against it.
    await t.db.updateTable('users').set({ password_hash: await hashPassword(OLD) }).where('email', '=', PERSONAS.respondentB.email).execute();
    server = await startTestServer({ db: t.db, registry, clock: clock.now });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lets a password that passes the rule in as before', async () => {
    const c = server.client();
    const r = await c.login(PERSONAS.respondentA.email, PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user.mustChangePassword).toBe(false);
    expect((await c.request('GET', '/api/rounds')).status).toBe(200);
  });

  it('lets a password failing the rule in once more, held to the password change until a good one is chosen', async () => {
    const c = server.client();
    const r = await c.login(PERSONAS.respondentB.email, OLD);
    expect(r.status).toBe(200);
    expect(r.body.user.mustChangePassword).toBe(true);
    const held = await c.request('GET', '/api/rounds');
    expect(held.status).toBe(403);
    expect(held.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.request('GET', '/')).headers.get('location')).toBe('/adgangskode');
    const login = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'user.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(login.data)).toMatchObject({ passwordFailsRule: true });

    // The page login goes straight to the password page.
    const p = server.client();
    const anon = await p.fetchCsrf();
    const page = await p.request('POST', '/login', {
      raw: new URLSearchParams({ _csrf: anon, email: PERSONAS.respondentB.email, password: OLD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      noCsrf: true,
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/adgangskode');

    expect((await c.request('POST', '/api/auth/password', { json: { current: OLD, next: 'sommer2020' } })).status).toBe(400);
    expect((await c.request('POST', '/api/auth/password', { json: { current: OLD, next: 'blå hest spiser gule tulipaner' } })).status).toBe(204);
    expect((await c.request('GET', '/api/rounds')).status).toBe(200);
    const again = await server.client().login(PERSONAS.respondentB.email, 'blå hest spiser gule tulipaner');
    expect(again.body.user.mustChangePassword).toBe(false);
  });
});
