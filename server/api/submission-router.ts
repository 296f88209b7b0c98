import { Router, type Request } from 'express';
import {
  effectiveDeadline,
  findForm,
  getOwnSubmission,
  isRoundRespondent,
  getSubmissionById,
  saveDraft,
  submit,
  type Actor,
} from '../../engine/workflows/index.ts';
import { forceOrganisation } from '../../engine/workflows/force-organisation.ts';
import { prefillDraft } from '../../engine/rounds/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { currentUser, requireRole, requireUser } from '../auth/index.ts';
import { AppError, fromFailure } from '../errors.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { bodyObject } from '../request-body.ts';
import { sendSubmission } from '../send-submission.ts';

const OWN = '/api/rounds/:roundId/forms/:formName/submission';

function actorOf(req: Request): Actor & { organisationId: string } {
  const u = currentUser(req)!;
  // requireRole('respondent') ran first, and every respondent is created with an organisation.
  if (!u.organisation_id) throw new AppError('FORBIDDEN');
  return { id: u.id, role: u.role, organisationId: u.organisation_id };
}

// The save and submit workflows refuse another round's respondent themselves (in the statement
// that reads the organisation), so only the read checks membership here.
/**
 * A form page shows last round's answers without storing them; the first save stores them as the
 * prefilled draft (version 1, marked until confirmed) and then the respondent's answers over it.
 * @returns the version the save is to match: 1 where this call stored the prefilled draft
 */
async function firstSaveOverPrefill(deps: AppDeps, roundId: string, formName: string, actor: Actor & { organisationId: string }, ifMatch: number): Promise<number> {
  if (ifMatch !== 0) return ifMatch;
  const p = await prefillDraft({ ...workflowDeps(deps), schemasDir: deps.config.schemasDir }, { roundId, formName, organisationId: actor.organisationId, actorId: actor.id });
  return p.prefilled ? 1 : 0;
}

function formOf(deps: AppDeps, req: Request) {
  const roundId = req.params.roundId as string;
  const formName = req.params.formName as string;
  const found = findForm(deps.registry, roundId, formName);
  if (!found) throw new AppError('FORM_NOT_FOUND', { roundId, formName });
  return found;
}

/**
 * A respondent's own submission (read, save draft, submit) and reading a submission by id, which
 * respondents may do only for their own organisation and analysts only once it is submitted.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createSubmissionRouter(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const respondent = [requireUser(), requireRole('respondent')];

  router.get(OWN, ...respondent, async (req, res) => {
    const actor = actorOf(req);
    const found = formOf(deps, req);
    // A round's forms exist only for its own respondents.
    if (!(await isRoundRespondent(deps.db, found.round.id, actor.organisationId))) throw new AppError('FORM_NOT_FOUND', { roundId: found.round.id, formName: found.form.name });
    const sub = await getOwnSubmission(deps.db, { roundId: found.round.id, formName: found.form.name, organisationId: actor.organisationId });
    const deadline = await effectiveDeadline(deps.db, found, actor.organisationId);
    const org = await deps.db.selectFrom('organisations').select('code').where('id', '=', actor.organisationId).executeTakeFirstOrThrow();
    res.set('ETag', etag(sub?.version ?? 0));
    res.json({
      submission: sub ?? {
        id: null,
        roundId: found.round.id,
        formName: found.form.name,
        organisationId: actor.organisationId,
        status: 'new',
        version: 0,
        answers: forceOrganisation({}, org.code, found.form.schema),
        schemaHash: found.form.hash,
        createdAt: null,
        updatedAt: null,
        submittedAt: null,
      },
      deadline: { frist: deadline.frist, extendedUntil: deadline.extendedUntil, closesAt: deadline.closesAt?.toISOString() ?? null },
    });
  });

  router.put(OWN, ...respondent, async (req, res) => {
    const actor = actorOf(req);
    const found = formOf(deps, req);
    const body = bodyObject(req);
    const ifMatch = await firstSaveOverPrefill(deps, found.round.id, found.form.name, actor, parseIfMatch(req, true));
    const r = await saveDraft(wf, {
      actor,
      roundId: found.round.id,
      formName: found.form.name,
      organisationId: actor.organisationId,
      answers: body.answers,
      ifMatch,
    });
    if (!r.ok) throw fromFailure(r);
    res.set('ETag', etag(r.submission.version));
    res.json({ submission: r.submission, issues: r.issues });
  });

  router.post(`${OWN}/submit`, ...respondent, async (req, res) => {
    const actor = actorOf(req);
    const found = formOf(deps, req);
    const ifMatch = parseIfMatch(req, true);
    const body = req.body === undefined ? {} : bodyObject(req);
    const r = await submit(wf, {
      actor,
      roundId: found.round.id,
      formName: found.form.name,
      organisationId: actor.organisationId,
      ifMatch,
      ...(body.answers !== undefined ? { answers: body.answers } : {}),
    });
    if (!r.ok) throw fromFailure(r);
    sendSubmission(res, r.submission, r.answersText);
  });

  router.get('/api/submissions/:submissionId', requireUser(), async (req, res) => {
    const user = currentUser(req)!;
    const sub = await getSubmissionById(deps.db, req.params.submissionId as string);
    // Another organisation's report answers as if it did not exist, so ids reveal nothing.
    const visible =
      sub &&
      (user.role === 'admin' ||
        (user.role === 'analyst' && sub.status === 'submitted') ||
        (user.role === 'respondent' && sub.organisationId === user.organisation_id));
    if (!visible) throw new AppError('SUBMISSION_NOT_FOUND');
    res.set('ETag', etag(sub.version));
    res.json({ submission: sub });
  });

  return router;
}
