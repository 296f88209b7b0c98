import type { Kysely } from 'kysely';
import type { Database, MailKind, MailStatus } from '../db/index.ts';

/** A mail as the ministry's pages show it: never with a link that has not been sent yet. */
export interface MailView {
  readonly id: string;
  readonly kind: MailKind;
  readonly roundId: string | null;
  readonly code: string | null;
  readonly kommune: string | null;
  readonly recipient: string;
  readonly recipientName: string;
  readonly subject: string;
  readonly body: string;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly transport: string | null;
  readonly lastError: string | null;
  readonly messageId: string;
}

/**
 * Lists recorded mails, newest first, with any unsent secret hidden.
 * @param db the database
 * @param filter round, municipality, kind, status, id and how many
 * @returns the mails
 */
export async function listMails(
  db: Kysely<Database>,
  filter: {
    readonly roundId?: string;
    readonly code?: string;
    readonly kind?: MailKind;
    readonly status?: MailStatus;
    readonly id?: string;
    readonly limit?: number;
  } = {},
): Promise<MailView[]> {
  let q = db
    .selectFrom('mails as m')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.kind',
      'm.round_id',
      'o.code',
      'o.navn as kommune',
      'm.recipient',
      'm.recipient_name',
      'm.subject',
      'm.body',
      'm.secret',
      'm.status',
      'm.attempts',
      'm.created_at',
      'm.sent_at',
      'm.transport',
      'm.last_error',
      'm.message_id',
    ])
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .limit(Math.min(filter.limit ?? 500, 5000));
  if (filter.roundId) q = q.where('m.round_id', '=', filter.roundId);
  if (filter.code) q = q.where('o.code', '=', filter.code);
  if (filter.kind) q = q.where('m.kind', '=', filter.kind);
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.id) q = q.where('m.id', '=', filter.id);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    roundId: r.round_id,
    code: r.code,
    kommune: r.kommune,
    recipient: r.recipient,
    recipientName: r.recipient_name,
    subject: r.subject,
    body: r.secret ? r.body.split(r.secret).join('[link skjult, indtil mailen er sendt]') : r.body,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    transport: r.transport,
    lastError: r.last_error,
    messageId: r.message_id,
  }));
}
