import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { API_ROUTERS } from '../../server/api/index.ts';
import { createApp, loadConfig } from '../../server/index.ts';
import { onlyUnder } from '../../server/only-under.ts';
import { Router } from 'express';
import express from 'express';
import { getFromApp as get, openTestDatabase, testRegistry, type TestDatabase } from '../helpers/index.ts';

interface Layer {
  route?: { path: string | string[] };
  handle?: { stack?: Layer[] };
}

function routePaths(stack: Layer[]): string[] {
  return stack.flatMap((l) => (l.route ? [l.route.path].flat() : l.handle?.stack ? routePaths(l.handle.stack) : []));
}

describe('API routers entered only under their prefixes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('every route of an API router starts with one of its prefixes', async () => {
    const deps = { db: db.db, registry: await testRegistry(), logger: pino({ level: 'silent' }), config: loadConfig({}) };
    let routes = 0;
    for (const api of API_ROUTERS) {
      const paths = routePaths((api.create(deps) as unknown as { stack: Layer[] }).stack);
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) {
        routes++;
        expect(api.under.some((u) => p.toLowerCase().startsWith(u)), `${p} is under none of ${api.under.join(', ')}`).toBe(true);
      }
    }
    expect(routes).toBeGreaterThan(20);
  });

  it('no two API routers have a route of the same path and method, so their order cannot shadow one', async () => {
    const deps = { db: db.db, registry: await testRegistry(), logger: pino({ level: 'silent' }), config: loadConfig({}) };
    const owner = new Map<string, number>();
    API_ROUTERS.forEach((api, i) => {
      for (const layer of (api.create(deps) as unknown as { stack: Array<{ route?: { path: string | string[]; methods: Record<string, boolean> } }> }).stack) {
        if (!layer.route) continue;
        for (const p of [layer.route.path].flat())
          for (const m of Object.keys(layer.route.methods)) {
            const key = `${m} ${p.toLowerCase().replace(/:\w+/g, ':')}`;
            expect(owner.get(key) ?? i, `${key} is in two routers`).toBe(i);
            owner.set(key, i);
          }
      }
    });
    expect(owner.size).toBeGreaterThan(20);
  });

  it('passes a request outside the prefixes on, and lets one inside in whatever its case', async () => {
    const r = Router();
    r.get('/api/x/y', (_req, res) => void res.send('inside'));
    const app = express();
    app.use(onlyUnder([{ under: ['/api/x/'], router: r }]));
    app.get('/api/z', (_req, res) => void res.send('passed on'));
    const [inside, upper, outside, missing] = await get(app, ['/api/x/y', '/API/X/Y', '/api/z', '/api/x/nothing']);
    expect(inside!.text).toBe('inside');
    expect(upper!.text).toBe('inside');
    expect(outside!.text).toBe('passed on');
    expect(missing!.status).toBe(404);
  });

  it('tries every router under the prefix in order, and passes an error on', async () => {
    const first = Router();
    first.get('/api/x/one', (_req, res) => void res.send('first'));
    first.get('/api/x/fail', () => {
      throw new Error('failed');
    });
    const second = Router();
    second.get('/api/x/one', (_req, res) => void res.send('shadowed'));
    second.get('/api/x/two', (_req, res) => void res.send('second'));
    const other = Router();
    other.get('/api/x/two', (_req, res) => void res.send('not under its prefix'));
    const app = express();
    app.use(onlyUnder([{ under: ['/api/x/'], router: first }, { under: ['/api/y/'], router: other }, { under: ['/api/x/'], router: second }]));
    app.use(((err: Error, _req, res, _next) => void res.status(500).send(err.message)) as express.ErrorRequestHandler);
    const texts = (await get(app, ['/api/x/one', '/api/x/two', '/api/x/fail'])).map((r) => `${r.status} ${r.text}`);
    expect(texts).toEqual(['200 first', '200 second', '500 failed']);
  });

  it('still serves every API route through the app', async () => {
    const app = createApp({ db: db.db, registry: await testRegistry(), logger: pino({ level: 'silent' }), config: loadConfig({}) });
    const statuses = (await get(app, ['/api/openapi.json', '/healthz', '/api/auth/csrf', '/api/rounds', '/api/auth/totp', '/api/admin/audit/verify', '/api/nowhere'])).map((r) => r.status);
    // Signed out: the routes answer 401 (a route never entered would answer 404, as the last does).
    expect(statuses).toEqual([200, 200, 200, 401, 401, 401, 404]);
  });
});
