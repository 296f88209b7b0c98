import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../server/security-headers.ts';

/** The headers a response of an app with `middleware` in front carries, the varying ones left out. */
async function headersOf(middleware: express.RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.set('X-Powered-By', 'leak');
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const out = Object.fromEntries(res.headers);
    delete out.date;
    delete out.etag;
    delete out['keep-alive'];
    delete out.connection;
    return out;
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('sets exactly the headers helmet sets', async () => {
    const ours = await headersOf(securityHeaders());
    expect(ours).toEqual(await headersOf(helmet()));
    expect(ours['content-security-policy']).toMatch(/default-src 'self'/);
    expect(ours['strict-transport-security']).toMatch(/max-age=/);
  });
});
