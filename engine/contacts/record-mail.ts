import type { Transaction } from 'kysely';
import type { Database, MailKind } from '../db/index.ts';
import { newId, sha256Hex } from '../workflows/index.ts';

/** A mail to record before it is sent. */
export interface IntendedMail {
  readonly key: string;
  readonly kind: MailKind;
  readonly roundId: string;
  readonly organisationId: string;
  readonly credentialId?: string;
  readonly recipient: string;
  readonly recipientName: string;
  readonly subject: string;
  readonly text: string;
  readonly secret?: string;
  /** The sender's address; its domain ends the Message-ID. */
  readonly fromAddress: string;
  readonly at: string;
  readonly actorId: string | null;
}

/**
 * Records an intended mail inside the caller's transaction, before anything is sent. The
 * idempotency key is unique, so recording the same mail again records nothing.
 * @param trx the open transaction
 * @param m the mail
 * @returns the mail's id, or null when one with the same key was already recorded
 */
export async function recordMail(trx: Transaction<Database>, m: IntendedMail): Promise<string | null> {
  const id = newId();
  const domain = m.fromAddress.split('@')[1] ?? 'indberet.local';
  const r = await trx
    .insertInto('mails')
    .values({
      id,
      idempotency_key: m.key,
      kind: m.kind,
      round_id: m.roundId,
      organisation_id: m.organisationId,
      credential_id: m.credentialId ?? null,
      recipient: m.recipient,
      recipient_name: m.recipientName,
      subject: m.subject,
      body: m.text,
      secret: m.secret ?? null,
      status: 'pending',
      attempts: 0,
      claimed_by: null,
      claimed_at: null,
      sent_at: null,
      message_id: `<${sha256Hex(m.key).slice(0, 32)}@${domain}>`,
      transport: null,
      last_error: null,
      created_at: m.at,
      created_by: m.actorId,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 0 ? null : id;
}
