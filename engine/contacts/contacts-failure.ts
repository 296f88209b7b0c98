import type { Issue } from '../types.ts';
import type { WorkflowErrorCode } from '../workflows/index.ts';

/** Codes of the expected failures of contacts, credentials and mail, besides the workflows' own. */
export type ContactsErrorCode = 'FILE_UNREADABLE' | 'CONTACT_MISSING' | 'IMPORT_DECIDED' | 'LINK_INVALID' | 'MAIL_TEMPLATE_INVALID';

/** A failure a caller is expected to handle; the server's catalog maps each code to HTTP. */
export interface ContactsFailure {
  readonly ok: false;
  readonly code: ContactsErrorCode | WorkflowErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly issues?: readonly Issue[];
}

/**
 * Builds a failure.
 * @param code the stable code
 * @param params values the message template reads
 * @param issues validation issues, where there are any
 * @returns the frozen failure
 */
export function contactsFail(code: ContactsFailure['code'], params?: ContactsFailure['params'], issues?: readonly Issue[]): ContactsFailure {
  return Object.freeze({ ok: false as const, code, ...(params ? { params } : {}), ...(issues ? { issues } : {}) });
}
