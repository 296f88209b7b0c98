import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestServer } from '../helpers/index.ts';

const UA = 'Testbrowser/1.0 (sikkerhedstest)';

forEachDialect('security events in the audit log and on the admin page', (t) => {
  let registry: Registry;
  let server: TestServer;
  const clock = createTestClock('2024-03-01T09:00:00Z');

  beforeAll(async () => {
    registry = await testRegistry();
    await seedTestData({ db: t.db, registry, clock: clock.now });
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { trustProxy: 'loopback', throttle: { freeFailures: 1, firstDelaySeconds: 60 } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('records failed, refused and successful logins and a password change with address and user agent', async () => {
    const c = server.client();
    const token = await c.fetchCsrf();
    const from = (ip: string) => ({ 'x-forwarded-for': ip, 'x-csrf-token': token, 'user-agent': UA });
    const login = (email: string, password: string, ip: string) => c.request('POST', '/api/auth/login', { json: { email, password }, headers: from(ip) });
    expect((await login(PERSONAS.respondentA.email, 'forkert kodeord her', '192.0.2.10')).status).toBe(401);
    expect((await login(PERSONAS.respondentA.email, PASSWORD, '192.0.2.11')).status).toBe(429);
    expect((await login(PERSONAS.analyst.email, PASSWORD, '192.0.2.12')).status).toBe(200);
    c.csrf = (await c.request('GET', '/api/auth/me')).body.csrfToken as string;
    const changed = await c.request('POST', '/api/auth/password', {
      json: { current: PASSWORD, next: 'blå hest spiser gule tulipaner' },
      headers: { 'x-forwarded-for': '192.0.2.12', 'user-agent': UA },
    });
    expect(changed.status).toBe(204);

    const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'data']).where('action', 'like', 'security.%').orderBy('seq').execute();
    const events = rows.map((r) => ({ action: r.action, ...(JSON.parse(r.data) as Record<string, unknown>) }));
    expect(events).toEqual([
      { action: 'security.login_failed', ip: '192.0.2.10', userAgent: UA, email: PERSONAS.respondentA.email },
      { action: 'security.throttled', ip: '192.0.2.11', userAgent: UA, email: PERSONAS.respondentA.email, retryAfter: expect.any(Number) },
    ]);
    const login_ = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'user.login').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(login_.data)).toEqual({ ip: '192.0.2.12', userAgent: UA });
    const change = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'user.password_changed').executeTakeFirstOrThrow();
    expect(JSON.parse(change.data)).toEqual({ ip: '192.0.2.12', userAgent: UA });
    // No password reaches the log.
    const all = await t.db.selectFrom('audit_log').select('data').execute();
    expect(all.some((r) => r.data.includes(PASSWORD) || r.data.includes('forkert kodeord her'))).toBe(false);
  });

  it('shows the latest events to an admin only', async () => {
    const admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
    const page = await admin.request('GET', '/admin/sikkerhed');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    for (const text of ['Sikkerhedshændelser', 'Forkert e-mail eller adgangskode', 'Afvist: for mange forsøg (429)', 'Adgangskode skiftet', '192.0.2.10', UA, PERSONAS.respondentA.email]) {
      expect(page.text).toContain(text);
    }
    const analyst = server.client();
    expect((await analyst.login(PERSONAS.analyst.email, 'blå hest spiser gule tulipaner')).status).toBe(200);
    expect((await analyst.request('GET', '/admin/sikkerhed')).status).toBe(403);
    const anonymous = await server.client().request('GET', '/admin/sikkerhed');
    expect(anonymous.status).toBe(303);
  });
});
