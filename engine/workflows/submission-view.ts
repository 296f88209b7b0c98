import type { Submission, SubmissionStatus } from '../db/index.ts';

/** A submission as callers see it: answers parsed, names in camelCase. */
export interface SubmissionView {
  readonly id: string;
  readonly roundId: string;
  readonly formName: string;
  readonly organisationId: string;
  readonly status: SubmissionStatus;
  readonly version: number;
  readonly answers: unknown;
  readonly schemaHash: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
}

/**
 * Turns a stored row into a view. Without `answers` the text is parsed when `answers` is first
 * read: a route that sends the stored text as it is (a reopen's answer) never parses it.
 * @param row the row
 * @param answers the row's answers already parsed, when the caller has them (saves parsing the text it just wrote)
 * @returns the view
 */
export function toSubmissionView(row: Submission, answers?: unknown): SubmissionView {
  const view = {
    id: row.id,
    roundId: row.round_id,
    formName: row.form_name,
    organisationId: row.organisation_id,
    status: row.status,
    version: row.version,
    answers,
    schemaHash: row.schema_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
  if (answers === undefined) {
    let parsed: unknown;
    let done = false;
    // Still an own enumerable property, so spreading, comparing and JSON.stringify see the answers.
    Object.defineProperty(view, 'answers', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!done) {
          parsed = JSON.parse(row.answers) as unknown;
          done = true;
        }
        return parsed;
      },
    });
  }
  return view;
}
