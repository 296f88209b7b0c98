import { Router } from 'express';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.ts';

/**
 * `GET /healthz`: 200 when the database answers, 503 when it does not or while the service stops
 * (for load balancers: an instance that is stopping gets no new requests).
 * @param deps the app's dependencies
 * @returns the router
 */
export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    if (deps.draining?.()) {
      res.status(503).json({ status: 'lukker' });
      return;
    }
    try {
      await sql`select 1`.execute(deps.db);
      res.json({ status: 'ok', rounds: deps.registry.rounds.map((r) => r.id) });
    } catch (err) {
      deps.logger.error({ err }, 'health check failed');
      res.status(503).json({ status: 'fejl' });
    }
  });
  return router;
}
