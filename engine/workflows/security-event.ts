import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { appendAudit } from './append-audit.ts';
import { inTransaction } from './in-transaction.ts';

/** Where a request came from, as the audit log keeps it beside every security event. */
export interface ClientInfo {
  readonly ip: string;
  readonly userAgent?: string;
}

/** The audit actions that are security events, with the words the admin page shows. */
export const SECURITY_EVENTS = Object.freeze({
  'user.login': 'Logget ind',
  'security.login_failed': 'Forkert e-mail eller adgangskode',
  'security.throttled': 'Afvist: for mange forsøg (429)',
  'user.password_changed': 'Adgangskode skiftet',
  'security.password_change_failed': 'Forkert nuværende adgangskode ved skift',
  'user.mfa_verified': 'Engangskode godkendt ved login',
  'security.mfa_failed': 'Forkert engangskode eller gendannelseskode',
  'security.recovery_code_used': 'Gendannelseskode brugt',
  'security.mfa_enrolled': 'Totrinsbekræftelse aktiveret',
  'security.mfa_reset': 'Totrinsbekræftelse nulstillet af en administrator',
} as const);

/** A security event's action. */
export type SecurityAction = keyof typeof SECURITY_EVENTS;

/** User agents are kept to this many characters: enough to tell browsers apart, too few to fill the log. */
const MAX_USER_AGENT = 300;

/**
 * The audit data of a security event: the client's address and user agent first, then the rest.
 * @param client where the request came from
 * @param data what else the event records
 * @returns the data
 */
export function securityData(client: ClientInfo, data: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return { ip: client.ip, userAgent: (client.userAgent ?? '').slice(0, MAX_USER_AGENT), ...data };
}

/**
 * Appends a security event that changes nothing else (a failed or refused attempt) to the audit
 * log in its own transaction.
 * @param db the database
 * @param event when, what, about which account (the e-mail tried, or the user's id), by whom, from where
 */
export async function recordSecurityEvent(
  db: Kysely<Database>,
  event: {
    readonly at: string;
    readonly action: SecurityAction;
    readonly entity: 'login' | 'user';
    readonly entityId: string;
    readonly actorId: string | null;
    readonly client: ClientInfo;
    readonly data?: Readonly<Record<string, unknown>>;
  },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await appendAudit(trx, {
      at: event.at,
      actorId: event.actorId,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      data: securityData(event.client, event.data),
    });
    return true;
  });
}
