import type { Actor, WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { findForm } from './find-form.ts';
import { bindRespondent, isPlainObject } from './force-organisation.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { deadlineOf } from './effective-deadline.ts';
import { sha256Hex } from './ids.ts';
import { toSubmissionView, type SubmissionView } from './submission-view.ts';
import { writeSubmission } from './write-submission.ts';
import { writeSubmissionAtOnce } from './write-submission-at-once.ts';
import { upsertContact } from './upsert-contact.ts';
import { preparedQuery } from '../db/index.ts';
import { respondentFacts, type RespondentFacts } from './respondent-facts.ts';

// The organisation, its extension for this form and whether it has a contact for the round, in one
// read: a contact once recorded is never changed here, so its insert is skipped (one statement less).
// What of it lasts is remembered (respondentFacts), so most submits skip this read too.
const organisationWithExtension = preparedQuery((db, p: { organisationId: string; roundId: string; formName: string }) =>
  db
    .selectFrom('organisations as o')
    // Only the round's own respondents: another round's respondent finds no organisation here.
    .innerJoin('round_respondents as rr', (j) => j.onRef('rr.organisation_id', '=', 'o.id').on('rr.round_id', '=', p.roundId))
    .leftJoin('extensions as e', (j) => j.onRef('e.organisation_id', '=', 'o.id').on('e.round_id', '=', p.roundId).on('e.form_name', '=', p.formName))
    .leftJoin('contacts as c', (j) => j.onRef('c.organisation_id', '=', 'o.id').on('c.round_id', '=', p.roundId))
    .select(['o.id', 'o.code', 'e.until', 'c.id as contactId'])
    .where('o.id', '=', p.organisationId),
);

/** A submission of the actor's organisation: new answers, or (omitted) the stored draft. */
export interface SubmitInput {
  readonly actor: Actor;
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
  readonly ifMatch: number;
  readonly answers?: unknown;
}

/**
 * Submits a report: refused when the answers name another respondent than the organisation,
 * after the deadline unless the organisation has an extension, and with the engine's issues when
 * invalid; otherwise stores the engine's validated value (computed
 * fields filled, inapplicable sections dropped) and the form's hash.
 * @param deps database, registry, clock
 * @param input the submission
 * @returns the submitted report and the JSON text of its answers as stored, or RESPONDENT_MISMATCH / DEADLINE_PASSED / INVALID_ANSWERS / VERSION_CONFLICT / …
 * @example
 * const r = await submit(deps, { actor, roundId: '2024', formName: 'skema', organisationId, ifMatch: 1 });
 */
export async function submit(deps: WorkflowDeps, input: SubmitInput): Promise<{ ok: true; submission: SubmissionView; answersText: string } | Failure> {
  const found = findForm(deps.registry, input.roundId, input.formName);
  if (!found) return fail('FORM_NOT_FOUND', { roundId: input.roundId, formName: input.formName });
  const now = deps.clock();
  // Before the round's own deadline no extension matters, so a respondent whose lasting facts are
  // known needs no read; after it, the extension is read every time, as one can be granted any time.
  const closesAt = deadlineOf(found, null).closesAt;
  const memo = respondentFacts(deps.db);
  const known = closesAt && now.getTime() >= closesAt.getTime() ? undefined : memo.get(input.roundId, input.organisationId);
  let org: { id: string; code: string; until: string | null; facts: RespondentFacts };
  if (known) {
    org = { id: input.organisationId, code: known.code, until: null, facts: known };
  } else {
    const row = (await organisationWithExtension(deps.db, { organisationId: input.organisationId, roundId: input.roundId, formName: input.formName })).rows[0];
    if (!row) return fail('FORM_NOT_FOUND', { roundId: input.roundId, formName: input.formName });
    const facts = memo.get(input.roundId, row.id) ?? { code: row.code, contact: false };
    facts.contact ||= row.contactId !== null;
    memo.set(input.roundId, row.id, facts);
    org = { id: row.id, code: row.code, until: row.until, facts };
  }

  let raw: unknown = input.answers;
  if (raw === undefined) {
    const draft = await deps.db
      .selectFrom('submissions')
      .select(['answers', 'version', 'status'])
      .where('round_id', '=', input.roundId)
      .where('form_name', '=', input.formName)
      .where('organisation_id', '=', org.id)
      .executeTakeFirst();
    if (!draft) return fail('SUBMISSION_NOT_FOUND');
    if (draft.status === 'submitted') return fail('ALREADY_SUBMITTED');
    // The version check here and again in the UPDATE guarantees the validated draft is the stored one.
    if (draft.version !== input.ifMatch) return fail('VERSION_CONFLICT', { expected: input.ifMatch, current: draft.version });
    raw = JSON.parse(draft.answers) as unknown;
  }
  if (!isPlainObject(raw)) return fail('INVALID_INPUT', { field: 'answers' });
  // Before the deadline check: answers in another respondent's name are refused whenever they come.
  const bound = bindRespondent(raw, org.code, found.form.schema);
  if (!bound.ok) return bound;

  const deadline = deadlineOf(found, org.until);
  if (deadline.closesAt && now.getTime() >= deadline.closesAt.getTime()) {
    return fail('DEADLINE_PASSED', { frist: deadline.extendedUntil ?? deadline.frist ?? '' });
  }
  const checked = found.form.validate(bound.answers);
  if (!checked.ok) return fail('INVALID_ANSWERS', undefined, checked.issues);

  const text = JSON.stringify(checked.value);
  const at = now.toISOString();
  const write = {
    roundId: input.roundId,
    formName: input.formName,
    organisationId: org.id,
    ifMatch: input.ifMatch,
    status: 'submitted' as const,
    answers: text,
    schemaHash: found.form.hash,
    actorId: input.actor.id,
    at,
    from: ['draft', 'reopened'] as const,
  };
  // The row's new version is always ifMatch + 1 (1 for a first write).
  const entry = { action: 'submission.submitted', data: { version: input.ifMatch + 1, schemaHash: found.form.hash, answers: sha256Hex(text) } };
  let contactStored = false;
  // Once the organisation's contact is known, the write and its entry are all there is to do.
  const result =
    (org.facts.contact ? await writeSubmissionAtOnce(deps.db, write, entry) : undefined) ??
    (await inTransaction(deps.db, async (trx) => {
      const row = await writeSubmission(trx, write);
      if ('ok' in row) return row;
      if (!org.facts.contact) contactStored = await upsertContact(trx, { organisationId: org.id, roundId: input.roundId, value: checked.value, at });
      await appendAudit(trx, { at, actorId: input.actor.id, entity: 'submission', entityId: row.id, ...entry });
      return row;
    }));
  if ('ok' in result) return result;
  // Committed: the organisation has a contact now (this one, or one recorded meanwhile).
  if (contactStored) org.facts.contact = true;
  // The stored text is JSON.stringify(checked.value), so the value is what parsing it would give.
  return { ok: true, submission: toSubmissionView(result, checked.value), answersText: text };
}
