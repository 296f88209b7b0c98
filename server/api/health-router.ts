import { Router } from 'express';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.ts';

/**
 * `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers).
 * @param deps the app's dependencies
 * @returns the router
 */
export function createHealthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
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
