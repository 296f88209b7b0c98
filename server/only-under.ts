import type { RequestHandler, Router } from 'express';

/** A router and the path prefixes every one of its routes starts with. */
export interface MountedUnder {
  readonly under: readonly string[];
  readonly router: Router;
}

/**
 * Lets only requests under a router's prefixes into it, for several routers as one layer of the app.
 * express enters every router mounted without a path and tries each of its routes in turn, so a
 * request used to walk all the API's routes before its own; a prefix test skips a router in one
 * step, and one layer for all of them spares the app's router a layer per router.
 * @param mounted the routers in order, each with its prefixes
 * @returns middleware that hands a request to each router whose prefix it has, in order, until
 *   one answers, and passes it on when none does
 * @example
 * app.use(onlyUnder([{ under: ['/api/x/'], router: xRouter }]));
 */
export function onlyUnder(mounted: readonly MountedUnder[]): RequestHandler {
  const dispatch: RequestHandler = (req, res, next) => {
    // express matches routes regardless of case, so the test does too.
    const p = req.path.toLowerCase();
    let i = 0;
    const tryNext = (err?: unknown): void => {
      if (err !== undefined && err !== null) return next(err);
      while (i < mounted.length) {
        const m = mounted[i++]!;
        if (m.under.some((u) => p.startsWith(u))) return void m.router(req, res, tryNext);
      }
      next();
    };
    tryNext();
  };
  // The route table stays readable through the layer (the OpenAPI test walks it).
  return Object.assign(dispatch, { stack: mounted.flatMap((m) => m.router.stack) });
}
