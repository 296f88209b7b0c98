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
 * Turns a stored row into a view.
 * @param row the row
 * @param answers the row's answers already parsed, when the caller has them (saves parsing the text it just wrote)
 * @returns the view
 */
export function toSubmissionView(row: Submission, answers: unknown = JSON.parse(row.answers)): SubmissionView {
  return {
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
}
