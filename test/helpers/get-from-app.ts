import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * GETs each path, one after another, from an app listening on a loopback port for the call only.
 * @param app the express app
 * @param paths paths with their queries
 * @returns each answer's status and text, in the paths' order
 */
export async function getFromApp(app: Express, paths: readonly string[]): Promise<Array<{ status: number; text: string }>> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const out = [];
    for (const p of paths) {
      const r = await fetch(base + p);
      out.push({ status: r.status, text: await r.text() });
    }
    return out;
  } finally {
    await new Promise((r) => server.close(r));
  }
}
