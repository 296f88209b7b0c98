import { Router } from 'express';
import { findForm, listSubmitted } from '../../engine/workflows/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireRole, requireUser } from '../auth/index.ts';
import { AppError } from '../errors.ts';

/**
 * The submitted reports of a form, for analysts and the ministry.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createReportsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/rounds/:roundId/forms/:formName/submitted', requireUser(), requireRole('admin', 'analyst'), async (req, res) => {
    const roundId = req.params.roundId as string;
    const formName = req.params.formName as string;
    if (!findForm(deps.registry, roundId, formName)) throw new AppError('FORM_NOT_FOUND', { roundId, formName });
    res.json({ submissions: await listSubmitted(deps.db, roundId, formName) });
  });
  return router;
}
