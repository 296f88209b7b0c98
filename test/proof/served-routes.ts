import type { Express } from 'express';

/** A route the app serves, its parameters written `{name}` as in OpenAPI. */
export interface ServedRoute {
  readonly method: string;
  readonly path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every (method, path) the app's routers serve, read from express's own route table, so routes
 * added later (pages, admin, publishing) are fuzzed and attacked without a list to keep up to date.
 * Wildcard routes (static files, the 404) are left out.
 * @param app the express app
 * @returns the routes, without duplicates
 */
export function servedRoutes(app: Express): ServedRoute[] {
  const out = new Map<string, ServedRoute>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          if (typeof p !== 'string' || p.includes('*')) continue;
          for (const m of Object.keys(layer.route.methods)) {
            if (m === '_all') continue;
            const route = { method: m.toUpperCase(), path: p.replace(/:(\w+)/g, '{$1}') };
            out.set(`${route.method} ${route.path}`, route);
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...out.values()];
}
