import { Router, type Request } from 'express';
import {
  copyStoredRound,
  createStoredRound,
  diffRound,
  dryRunRound,
  isFileName,
  publishRound,
  readRoundSources,
  saveRoundFiles,
  type RoundDiff,
  type RoundsFailure,
} from '../../engine/rounds/index.ts';
import { diffRoundReports } from '../../reports/index.ts';
import { serverValidator } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole, requireUser } from '../auth/index.ts';
import { AppError } from '../errors.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { bodyObject, stringField } from '../request-body.ts';
import { checkEdit } from './check-edit.ts';
import { editFromJson } from './edit-from-body.ts';
import { lintEdit } from './lint-edit.ts';
import { roundsDeps } from './rounds-deps.ts';
import { roundsError } from './rounds-error.ts';
import { listRounds, roundView, type RoundView } from './round-view.ts';

/** The format tag of a downloaded round, checked on upload. */
export const BUNDLE_FORMAT = 'indberet-runde/1';

const param = (req: Request, name: string): string => String(req.params[name] ?? '');
const unwrap = <T>(r: T | RoundsFailure): T => {
  if (typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false) throw roundsError(r as RoundsFailure);
  return r as T;
};

/** A text field that may be empty (a file being written), up to `max` characters. */
function textField(body: Record<string, unknown>, field: string, max: number): string {
  const v = body[field];
  if (typeof v !== 'string' || v.length > max) throw new AppError('INVALID_INPUT', { field });
  return v;
}

/** An object of file name → text (an uploaded round). */
function filesField(body: Record<string, unknown>): Record<string, string> {
  const files = body.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) throw new AppError('INVALID_INPUT', { field: 'files' });
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new AppError('INVALID_INPUT', { field: `files.${name.slice(0, 60)}` });
    if (!isFileName(name)) throw new AppError('ROUND_FILE_NAME', { name: name.slice(0, 60) });
    out[name] = text;
  }
  if (!('round.json' in out)) throw new AppError('INVALID_INPUT', { field: 'files.round.json' });
  return out;
}

/**
 * The diff of a round against its previous round, or the reason there is none: the forms, dates,
 * tables, `settings` (every round.json change by JSON Pointer) and `reportSpec` (reports.json).
 */
export function roundDiffOf(view: RoundView): RoundDiff {
  if (!view.previous) throw new AppError('ROUND_NO_PREVIOUS', { roundId: view.id });
  if (!view.round) throw roundsError({ ok: false, code: 'ROUND_INVALID', params: { roundId: view.id }, lint: view.issues });
  return diffRound(view.previous, view.round, { reportSpec: diffRoundReports });
}

/**
 * The ministry's JSON routes for rounds: list, copy, download and upload a round as one JSON
 * bundle, write a file of a draft, lint a file as typed (with the preview), the diff against the
 * previous round, the dry run of last round's answers, and publishing. Admins only.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createRoundsApiRouter(deps: AppDeps): Router {
  const router = Router();
  const rd = roundsDeps(deps);
  const admin = [requireUser(), requireRole('admin')];
  const base = '/api/admin/rounds/:roundId';

  router.get('/api/admin/rounds', ...admin, async (_req, res) => {
    res.json({ rounds: await listRounds(rd) });
  });

  router.post('/api/admin/rounds', ...admin, async (req, res) => {
    const body = bodyObject(req);
    const r = unwrap(await copyStoredRound(rd, { fromId: stringField(body, 'from', 40), toId: stringField(body, 'id', 40), actorId: currentUser(req)!.id }));
    res.status(201).set('ETag', etag(r.version)).json({ id: r.id, version: r.version });
  });

  router.get(`${base}/bundle`, ...admin, async (req, res) => {
    const view = await roundView(rd, param(req, 'roundId'));
    if (view.version !== null) res.set('ETag', etag(view.version));
    res.set('Content-Disposition', `attachment; filename="runde-${view.id}.json"`);
    res.json({ format: BUNDLE_FORMAT, id: view.id, status: view.status, version: view.version, hash: view.hash, files: view.sources });
  });

  router.put(`${base}/bundle`, ...admin, async (req, res) => {
    const roundId = param(req, 'roundId');
    const body = bodyObject(req);
    if (body.id !== undefined && body.id !== roundId) throw new AppError('INVALID_INPUT', { field: 'id' });
    const files = filesField(body);
    const existing = await readRoundSources(rd, roundId);
    if (!existing) {
      const r = unwrap(await createStoredRound(rd, { id: roundId, sources: files, basedOn: null, actorId: currentUser(req)!.id, action: 'round.uploaded' }));
      res.status(201).set('ETag', etag(r.version)).json({ id: r.id, version: r.version });
      return;
    }
    if (existing.origin === 'files') throw new AppError('ROUND_EXISTS', { roundId });
    const r = unwrap(await saveRoundFiles(rd, { roundId, files, replace: true, ifVersion: parseIfMatch(req, true), actorId: currentUser(req)!.id }));
    res.set('ETag', etag(r.version)).json({ id: roundId, version: r.version });
  });

  router.put(`${base}/files/:fileName`, ...admin, async (req, res) => {
    const roundId = param(req, 'roundId');
    const name = param(req, 'fileName');
    const content = textField(bodyObject(req), 'content', 2_000_000);
    const ifVersion = parseIfMatch(req, true);
    const r = unwrap(await saveRoundFiles(rd, { roundId, files: { [name]: content }, ifVersion, actorId: currentUser(req)!.id }));
    const view = await roundView(rd, roundId);
    res.set('ETag', etag(r.version)).json({ version: r.version, issues: view.issues });
  });

  router.post(`${base}/lint`, ...admin, async (req, res) => {
    const body = bodyObject(req);
    const file = stringField(body, 'file', 120);
    if (!isFileName(file)) throw new AppError('ROUND_FILE_NAME', { name: file.slice(0, 60) });
    const content = textField(body, 'content', 2_000_000);
    const step = typeof body.step === 'number' && Number.isInteger(body.step) ? body.step : 0;
    const src = await readRoundSources(rd, param(req, 'roundId'));
    if (!src) throw new AppError('ROUND_NOT_FOUND', { roundId: param(req, 'roundId').slice(0, 40) });
    res.json(lintEdit(src.id, src.sources, file, content, step));
  });

  // The structured editor's edits: `save: false` (the default) only checks; a save needs If-Match.
  router.post(`${base}/edits`, ...admin, async (req, res) => {
    const body = bodyObject(req);
    const edit = editFromJson(body.edit);
    if (typeof edit === 'string') throw new AppError('ROUND_EDIT_REFUSED', { reason: edit });
    const save = body.save === true;
    const ifVersion = save ? parseIfMatch(req, true) : parseIfMatch(req, false);
    const view = await roundView(rd, param(req, 'roundId'));
    if (view.status !== 'kladde') throw new AppError(view.status === 'filer' ? 'ROUND_NOT_STORED' : 'ROUND_PUBLISHED', { roundId: view.id });
    if (ifVersion !== undefined && ifVersion !== view.version) {
      throw new AppError('ROUND_EDIT_CONFLICT', { roundId: view.id, expected: ifVersion, current: view.version ?? 0 });
    }
    const checked = unwrap(await checkEdit(rd.schemasDir, view, edit));
    const result = { summary: checked.applied.summary, files: Object.keys(checked.applied.files), added: checked.added, remaining: checked.remaining };
    if (!save) return void res.json({ ...result, saved: false });
    const r = unwrap(await saveRoundFiles(rd, { roundId: view.id, files: checked.applied.files, ifVersion: ifVersion!, actorId: currentUser(req)!.id, summary: checked.applied.summary }));
    res.set('ETag', etag(r.version)).json({ ...result, saved: true, version: r.version });
  });

  router.get(`${base}/diff`, ...admin, async (req, res) => {
    res.json(roundDiffOf(await roundView(rd, param(req, 'roundId'))));
  });

  router.get(`${base}/dry-run`, ...admin, async (req, res) => {
    const view = await roundView(rd, param(req, 'roundId'));
    const diff = roundDiffOf(view);
    res.json({ from: diff.from, to: diff.to, forms: await dryRunRound(deps.db, view.previous!, view.round!) });
  });

  router.post(`${base}/publish`, ...admin, async (req, res) => {
    const r = unwrap(await publishRound(rd, { roundId: param(req, 'roundId'), ifVersion: parseIfMatch(req, true), actorId: currentUser(req)!.id }));
    // The pages render the new forms on the server: compile their conditions now, not in a request.
    for (const form of r.round.forms.values()) serverValidator(form);
    res.json({ id: r.round.id, hash: r.hash });
  });

  return router;
}
