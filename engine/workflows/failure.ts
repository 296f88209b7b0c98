import type { Issue } from '../types.ts';

/** Stable codes of the failures workflows return as data; the server's catalog maps each to HTTP. */
export type WorkflowErrorCode =
  | 'NOT_FOUND'
  | 'FORM_NOT_FOUND'
  | 'ORGANISATION_NOT_FOUND'
  | 'SUBMISSION_NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'ALREADY_SUBMITTED'
  | 'NOT_SUBMITTED'
  | 'DEADLINE_PASSED'
  | 'INVALID_ANSWERS'
  | 'INVALID_INPUT'
  | 'RESPONDENT_MISMATCH'
  | 'ROUND_FROZEN'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_ATTEMPTS'
  | 'WEAK_PASSWORD'
  | 'EMAIL_TAKEN'
  | 'INVALID_CODE'
  | 'MFA_ALREADY_ENROLLED'
  | 'MFA_NOT_STARTED';

/** A failure a caller is expected to handle: a code, values for its message, and engine issues. */
export interface Failure {
  readonly ok: false;
  readonly code: WorkflowErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly issues?: readonly Issue[];
}

/**
 * Builds a failure.
 * @param code the stable code
 * @param params values the message template reads
 * @param issues validation issues, for INVALID_ANSWERS
 * @returns the frozen failure
 */
export function fail(code: WorkflowErrorCode, params?: Failure['params'], issues?: readonly Issue[]): Failure {
  return Object.freeze({ ok: false as const, code, ...(params ? { params } : {}), ...(issues ? { issues } : {}) });
}
