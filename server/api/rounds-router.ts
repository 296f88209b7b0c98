import { Router } from 'express';
import { deadlineEnd, findForm } from '../../engine/workflows/index.ts';
import type { Round } from '../../engine/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireUser } from '../auth/index.ts';
import { AppError } from '../errors.ts';

function formListing(round: Round) {
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  const tz = String(round.settings.tidszone ?? 'Europe/Copenhagen');
  return round.formList.map((f) => {
    const frist = f.frist ? (datoer[f.frist] ?? null) : null;
    return { name: f.name, title: f.title, frist, closesAt: frist ? deadlineEnd(frist, tz).toISOString() : null, hash: round.forms.get(f.name)!.hash };
  });
}

/**
 * Rounds and forms as declared by the ministry: listing, round data, each form's schema and ui.
 * Any logged-in user may read them.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/api/rounds', requireUser(), (_req, res) => {
    res.json({ rounds: deps.registry.rounds.map((r) => ({ id: r.id, title: r.title, hash: r.hash, forms: formListing(r) })) });
  });

  router.get('/api/rounds/:roundId', requireUser(), (req, res) => {
    const round = deps.registry.round(req.params.roundId as string);
    if (!round) throw new AppError('NOT_FOUND', { what: `runde ${req.params.roundId}` });
    res.json({ id: round.id, title: round.title, hash: round.hash, settings: round.settings, tables: round.tables, forms: formListing(round) });
  });

  router.get('/api/rounds/:roundId/forms/:formName', requireUser(), (req, res) => {
    const found = findForm(deps.registry, req.params.roundId as string, req.params.formName as string);
    if (!found) throw new AppError('FORM_NOT_FOUND', { roundId: req.params.roundId as string, formName: req.params.formName as string });
    const listing = formListing(found.round).find((f) => f.name === found.form.name)!;
    res.json({ ...listing, id: found.form.id, roundId: found.round.id, schema: found.form.schema, ui: found.form.ui });
  });

  return router;
}
