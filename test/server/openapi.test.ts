import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Express } from 'express';
import { createApp, loadConfig, OPENAPI } from '../../server/index.ts';
import { openTestDatabase, testRegistry, type TestDatabase } from '../helpers/index.ts';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every (method, path) the app's routers serve, read from express's own route table. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const m of Object.keys(layer.route.methods)) {
            if (m !== '_all') out.push(`${m.toUpperCase()} ${p.replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

describe('OpenAPI document', () => {
  let db: TestDatabase;
  let app: Express;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    app = createApp({ db: db.db, registry: await testRegistry(), logger: pino({ level: 'silent' }), config: loadConfig({}) });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('is OpenAPI 3.1 and every $ref resolves', () => {
    expect(OPENAPI.openapi).toBe('3.1.0');
    const refs = JSON.stringify(OPENAPI).match(/"#\/components\/schemas\/\w+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) {
      const name = r.slice('"#/components/schemas/'.length, -1);
      expect(OPENAPI.components.schemas, name).toHaveProperty(name);
    }
  });

  it('describes every JSON route the app serves, and nothing it does not', () => {
    // HTML pages (server/pages) are not part of the JSON API.
    const served = servedRoutes(app).filter((r) => / \/api\/|^GET \/healthz$/.test(r));
    const documented = Object.entries(OPENAPI.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(served.length).toBeGreaterThan(15);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  it('names a path parameter for every {placeholder}', () => {
    for (const [p, ops] of Object.entries(OPENAPI.paths)) {
      const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(ops) as Array<{ parameters?: Array<{ name: string; in: string }> }>) {
        const named = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name).sort();
        expect(named, p).toEqual(placeholders);
      }
    }
  });

  it('is served at /api/openapi.json', async () => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(OPENAPI)));
    } finally {
      server.close();
    }
  });
});
