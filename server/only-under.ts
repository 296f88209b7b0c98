import type { RequestHandler, Router } from 'express';

/**
 * Lets only requests under one of the prefixes into a router. express enters every router mounted
 * without a path and tries each of its routes in turn, so a request used to walk all the API's
 * routes before its own; a prefix test skips a router in one step.
 * @param prefixes the path prefixes the router's routes start with
 * @param router the router
 * @returns middleware that hands matching requests to the router and passes the rest on
 */
export function onlyUnder(prefixes: readonly string[], router: Router): RequestHandler {
  const guard: RequestHandler = (req, res, next) => {
    // express matches routes regardless of case, so the test does too.
    const p = req.path.toLowerCase();
    for (const prefix of prefixes) if (p.startsWith(prefix)) return router(req, res, next);
    next();
  };
  // The route table stays readable through the guard (the OpenAPI test walks it).
  return Object.assign(guard, { stack: router.stack });
}
