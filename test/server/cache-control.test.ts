import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';

forEachDialect('Cache-Control on private responses', (t) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  let server: TestServer;
  let admin: TestClient;
  beforeAll(async () => {
    await seedTestData({ db: t.db, registry: await testRegistry(), clock: clock.now });
    server = await startTestServer({ db: t.db, registry: await testRegistry(), clock: clock.now });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps API answers and a logged-in user\'s downloads out of every cache', async () => {
    for (const p of ['/api/auth/me', '/api/rounds', '/api/admin/rounds/2024/board', '/admin/runde/2024/kontakter/skabelon.xlsx', '/api/admin/rounds/2024/bundle']) {
      const r = await admin.request('GET', p);
      expect(r.status, p).toBeLessThan(500);
      expect(r.headers.get('cache-control'), p).toBe('no-store');
      expect(r.headers.get('vary') ?? '', p).toMatch(/Cookie/i);
    }
    // Anonymous API answers too (a login's reply names the user).
    const anon = await server.client().request('GET', '/api/auth/me');
    expect(anon.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves the static files\' own caching alone, for a logged-in user too', async () => {
    const r = await admin.request('GET', '/static/indberet.css');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
