import type { Kysely } from 'kysely';
import type { Database, Submission } from '../db/index.ts';
import type { Issue } from '../types.ts';
import type { Actor, WorkflowDeps } from './deps.ts';
import { isRoundRespondent } from './is-round-respondent.ts';
import { fail, type Failure } from './failure.ts';
import { findForm } from './find-form.ts';
import { bindRespondent, isPlainObject } from './force-organisation.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { sha256Hex } from './ids.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';
import { writeSubmission } from './write-submission.ts';
import { writeSubmissionAtOnce } from './write-submission-at-once.ts';

/** A draft to save for the actor's organisation. */
export interface SaveDraftInput {
  readonly actor: Actor;
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
  readonly answers: unknown;
  /** The version the client last saw (`If-Match`); 0 when nothing has been saved yet. */
  readonly ifMatch: number;
}

/** The saved draft and what the engine would object to on submit (information only). */
export interface SaveDraftResult {
  readonly ok: true;
  readonly submission: SubmissionView;
  readonly issues: readonly Issue[];
}

// A browser that saves on leaving the page cannot learn whether that save arrived, so it may send
// the same answers again on the version it last knew. Answers identical to the stored draft change
// nothing, so they are acknowledged with the stored version instead of a conflict; no version and
// no audit entry are written.
async function sameDraft(trx: Kysely<Database>, input: SaveDraftInput, organisationId: string, text: string): Promise<Submission | undefined> {
  const current = await trx
    .selectFrom('submissions')
    .selectAll()
    .where('round_id', '=', input.roundId)
    .where('form_name', '=', input.formName)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return current && current.answers === text && (current.status === 'draft' || current.status === 'reopened') ? current : undefined;
}

/**
 * Saves a draft: never requires valid answers, writes the organisation's code into the form's
 * respondent-key field, and refuses without writing anything answers naming another respondent
 * (RESPONDENT_MISMATCH) or a stale version (VERSION_CONFLICT) unless they equal the stored draft.
 * @param deps database, registry, clock
 * @param input the draft
 * @returns the stored draft with the engine's issues, or a failure
 * @example
 * const r = await saveDraft(deps, { actor, roundId: '2024', formName: 'skema', organisationId, answers, ifMatch: 0 });
 */
export async function saveDraft(deps: WorkflowDeps, input: SaveDraftInput): Promise<SaveDraftResult | Failure> {
  const found = findForm(deps.registry, input.roundId, input.formName);
  if (!found) return fail('FORM_NOT_FOUND', { roundId: input.roundId, formName: input.formName });
  if (!isPlainObject(input.answers)) return fail('INVALID_INPUT', { field: 'answers' });
  const org = await deps.db.selectFrom('organisations').select(['id', 'code']).where('id', '=', input.organisationId).executeTakeFirst();
  if (!org) return fail('ORGANISATION_NOT_FOUND', { code: '' });
  // Another round's respondent learns nothing of this round's forms.
  if (!(await isRoundRespondent(deps.db, input.roundId, org.id))) return fail('FORM_NOT_FOUND', { roundId: input.roundId, formName: input.formName });
  const bound = bindRespondent(input.answers, org.code, found.form.schema);
  if (!bound.ok) return bound;
  const answers = bound.answers;
  const check = found.form.validate(answers);
  const issues = check.ok ? [] : check.issues;
  const text = JSON.stringify(answers);
  const at = deps.clock().toISOString();
  const write = {
    roundId: input.roundId,
    formName: input.formName,
    organisationId: org.id,
    ifMatch: input.ifMatch,
    status: 'draft' as const,
    answers: text,
    schemaHash: found.form.hash,
    actorId: input.actor.id,
    at,
    from: ['draft', 'reopened'] as const,
  };
  // The row's new version is always ifMatch + 1 (1 for a first write).
  const entry = { action: 'submission.draft_saved', data: { version: input.ifMatch + 1, answers: sha256Hex(text) } };
  const refused = async (f: Failure, db: Kysely<Database>) => (f.code === 'VERSION_CONFLICT' ? ((await sameDraft(db, input, org.id, text)) ?? f) : f);
  const atOnce = await writeSubmissionAtOnce(deps.db, write, entry);
  const result =
    atOnce === undefined
      ? await inTransaction(deps.db, async (trx) => {
          const row = await writeSubmission(trx, write);
          if ('ok' in row) return refused(row, trx);
          await appendAudit(trx, { at, actorId: input.actor.id, entity: 'submission', entityId: row.id, ...entry });
          return row;
        })
      : 'ok' in atOnce
        ? await refused(atOnce, deps.db)
        : atOnce;
  if ('ok' in result) return result;
  return { ok: true, submission: toSubmissionView(result), issues };
}
