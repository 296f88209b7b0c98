import type { LintIssue } from '../round-files.ts';

/** Stable codes of the failures round administration returns as data; the server's catalog maps each to HTTP. */
export type RoundsErrorCode =
  | 'ROUND_NOT_FOUND'
  | 'ROUND_EXISTS'
  | 'ROUND_PUBLISHED'
  | 'ROUND_NOT_STORED'
  | 'ROUND_INVALID'
  | 'ROUND_FILE_NAME'
  | 'ROUND_EDIT_CONFLICT'
  | 'ROUND_EDIT_REFUSED'
  | 'ROUND_CORRECTION_TOO_LATE'
  | 'ROUND_NO_PREVIOUS'
  | 'PREFILL_NOT_FOUND';

/** A failure of a round action: a code, values for its message, and the lint issues that stopped it. */
export interface RoundsFailure {
  readonly ok: false;
  readonly code: RoundsErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly lint?: readonly LintIssue[];
}

/**
 * Builds a round failure.
 * @param code the stable code
 * @param params values the message template reads
 * @param lint lint issues, for ROUND_INVALID
 * @returns the frozen failure
 */
export function roundsFail(code: RoundsErrorCode, params?: RoundsFailure['params'], lint?: readonly LintIssue[]): RoundsFailure {
  return Object.freeze({ ok: false as const, code, ...(params ? { params } : {}), ...(lint ? { lint } : {}) });
}

/**
 * Whether a result is a round failure.
 * @param v a result
 * @returns true for a failure
 */
export function isRoundsFailure(v: unknown): v is RoundsFailure {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false && typeof (v as { code?: unknown }).code === 'string';
}
