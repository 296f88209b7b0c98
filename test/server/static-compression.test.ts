import { get } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR, clientManifest, clientScriptUrl } from '../../renderer/index.ts';
import { validatorsUrl } from '../../server/rounds/index.ts';
import { createTestClock, openTestDatabase, seedTestData, startTestServer, testRegistry, type TestDatabase, type TestServer } from '../helpers/index.ts';

/** A GET with a chosen Accept-Encoding, answered as raw bytes (fetch would decode them). */
function raw(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const decode = (r: { headers: Record<string, unknown>; body: Buffer }): Buffer =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

describe('precompressed static files under hashed names', () => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    expect(clientManifest(), 'the client is built by npm install / npm run build').not.toBeNull();
    database = await openTestDatabase('sqlite');
    const registry = await testRegistry();
    await seedTestData({ db: database.db, registry, clock: clock.now });
    server = await startTestServer({ db: database.db, registry, clock: clock.now });
  });
  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  it('sends the client bundle as brotli, gzip or as it is, as the browser asks, cached for good', async () => {
    const url = `${server.url}${clientScriptUrl()}`;
    expect(clientScriptUrl()).toMatch(/^\/static\/app-[A-Z0-9]{8}\.js$/);
    const file = await readFile(path.join(CLIENT_DIR, clientManifest()!.script));
    const br = await raw(url, 'gzip, deflate, br');
    const gz = await raw(url, 'gzip, deflate');
    const plain = await raw(url, 'identity');
    expect([br.headers['content-encoding'], gz.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    for (const r of [br, gz, plain]) {
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(decode(r).equals(file)).toBe(true);
    }
    expect(br.body.length).toBeLessThan(gz.body.length);
    // Compressed as hard as gzip can, not merely compressed: no larger than the file at level 9.
    expect(gz.body.length).toBeLessThanOrEqual(gzipSync(file, { level: 9 }).length);
    // An address no build wrote is not answered.
    expect((await raw(`${server.url}/static/app-AAAAAAAA.js`, 'br')).status).toBe(404);
  });

  it('sends a round\'s validators compressed under the round\'s hash, and no other version there', async () => {
    const round = (await testRegistry()).round('2024')!;
    const br = await raw(`${server.url}${validatorsUrl(round)}`, 'br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(br).toString()).toContain('export{');
    const stale = validatorsUrl({ id: '2024', hash: '0'.repeat(64) });
    expect((await raw(`${server.url}${stale}`, 'br')).status).toBe(404);
  });
});
