import type { RequestHandler } from 'express';

/**
 * Runs middleware one after another as one layer of the app. express's router does per layer what
 * middleware mounted everywhere has no use for (matching the path, copying parameters, closures to
 * restore them), and that was a tenth of a submit's allocations; the service's common middleware
 * runs for every request, so it is one layer.
 *
 * As in express 5, an error passed to `next`, thrown, or a rejected promise leaves the chain for
 * the app's error handling; so does any other value passed to `next` (none of the handlers passes
 * `'route'`).
 * @param handlers the middleware, in order
 * @returns one middleware running them all
 * @example
 * app.use(inOrder(securityHeaders(), express.json(), cookieParser()));
 */
export function inOrder(...handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      const handler = handlers[i++];
      if (!handler) return next();
      try {
        const r = handler(req, res, step) as unknown;
        if (r instanceof Promise) r.then(undefined, (e: unknown) => next(e ?? new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    step();
  };
}
