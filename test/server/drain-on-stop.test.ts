import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../engine/db/index.ts';
import { createHealthRouter } from '../../server/api/index.ts';
import { drainOnStop, loadConfig, type AppDeps } from '../../server/index.ts';
import { probe } from '../cluster/probe.ts';

/** A server whose one route answers when the test says so. */
async function slowServer(): Promise<{ server: Server; url: string; release: () => void; arrived: Promise<void> }> {
  let release!: () => void;
  let arrivedNow!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const arrived = new Promise<void>((r) => (arrivedNow = r));
  const server = http.createServer((req, res) => {
    if (req.url === '/langsom') {
      arrivedNow();
      void released.then(() => res.end('færdig'));
    } else {
      res.end('ok');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, release, arrived };
}

function get(url: string, agent: http.Agent | false = false): Promise<{ status: number; connection: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
      })
      .once('error', reject);
  });
}

const open: Server[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.closeAllConnections();
});

describe('drainOnStop', () => {
  it('lets the running request finish with Connection: close, refuses new connections, closes idle ones', async () => {
    const s = await slowServer();
    open.push(s.server);
    const drain = drainOnStop(s.server, { drainMs: 0, timeoutMs: 10_000 });
    const agent = new http.Agent({ keepAlive: true });
    const idle = await get(`${s.url}/`, agent);
    expect(idle.connection).toBe('keep-alive');
    const idleSocket = new Promise<void>((r) => Object.values(agent.freeSockets)[0]![0]!.once('close', () => r()));

    const running = get(`${s.url}/langsom`);
    await s.arrived;
    expect(drain.draining()).toBe(false);
    const stopped = drain.stop();
    expect(drain.draining()).toBe(true);
    expect(drain.stop()).toBe(stopped);
    await idleSocket;
    expect(await probe(s.url, '/')).toBe('refused');

    s.release();
    expect(await running).toEqual({ status: 200, connection: 'close', text: 'færdig' });
    expect(await stopped).toEqual({ cut: 0 });
    agent.destroy();
  });

  it('keeps serving through the drain time, every answer closing its connection', async () => {
    const s = await slowServer();
    open.push(s.server);
    const drain = drainOnStop(s.server, { drainMs: 300, timeoutMs: 10_000 });
    const stopped = drain.stop();
    expect(await get(`${s.url}/`)).toEqual({ status: 200, connection: 'close', text: 'ok' });
    await stopped;
    expect(await probe(s.url, '/')).toBe('refused');
  });

  it('cuts what still runs at the timeout and says how much', async () => {
    const s = await slowServer();
    open.push(s.server);
    const drain = drainOnStop(s.server, { drainMs: 0, timeoutMs: 100 });
    const running = get(`${s.url}/langsom`).catch((e: Error) => e);
    await s.arrived;
    expect(await drain.stop()).toEqual({ cut: 1 });
    expect(await running).toBeInstanceOf(Error);
  });
});

describe('GET /healthz while the service stops', () => {
  it('answers 503 without asking the database', async () => {
    let draining = false;
    const deps = {
      db: undefined as unknown as Kysely<Database>,
      registry: { rounds: [] },
      logger: pino({ level: 'silent' }),
      config: loadConfig({}),
      draining: () => draining,
    } as unknown as AppDeps;
    const app = express().use(createHealthRouter(deps));
    const server = await new Promise<Server>((r) => {
      const x = app.listen(0, '127.0.0.1', () => r(x));
    });
    open.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    // No database here: the check fails with 503 "fejl" when it is asked.
    expect(JSON.parse((await get(url)).text)).toEqual({ status: 'fejl' });
    draining = true;
    const r = await get(url);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text)).toEqual({ status: 'lukker' });
    server.close();
  });
});

describe('loadConfig', () => {
  it('reads the drain and shutdown times, 0 s and 10 s by default', () => {
    expect(loadConfig({})).toMatchObject({ drainSeconds: 0, shutdownSeconds: 10 });
    expect(loadConfig({ INDBERET_DRAIN_SECONDS: '3', INDBERET_SHUTDOWN_SECONDS: '20' })).toMatchObject({ drainSeconds: 3, shutdownSeconds: 20 });
    expect(loadConfig({ INDBERET_SHUTDOWN_SECONDS: 'lang' })).toMatchObject({ shutdownSeconds: 10 });
  });
});
