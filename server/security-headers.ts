import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers, worked out once when the app is made and set on every response.
 * helmet() runs a dozen middleware functions a request, each building and setting one header;
 * with the default options none of them looks at the request, so their output is the same for
 * every response and is captured here by running helmet once against a recording response.
 * @returns the middleware
 */
export function securityHeaders(): RequestHandler {
  const set: Array<readonly [string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  let finished = false;
  helmet()({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  // A helmet that answered later or needed the request would not be captured whole.
  if (!finished || set.length === 0) throw new Error('securityHeaders: helmet did not set its headers at once');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
