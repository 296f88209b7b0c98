import type { Kysely } from 'kysely';
import type { Database, MailKind } from '../db/index.ts';
import { DEFAULT_LEASE_MS, type MailTransport } from '../mail/index.ts';
import type { Registry } from '../registry.ts';
import { appendAudit, inTransaction } from '../workflows/index.ts';
import { roundMailFacts } from './round-mail-facts.ts';
import { isClaimAbandoned, newClaim, releaseClaim } from './send-claim.ts';

/** What a send job did. */
export interface DeliveryOutcome {
  /** Mails the job took on. */
  readonly total: number;
  readonly sent: number;
  /** Given up: refused for good, or too many attempts. */
  readonly failed: number;
  /** Refused for now; the next run tries again. */
  readonly retrying: number;
  /** Held by another running job (or a crashed one on another machine, until its lease ends). */
  readonly inProgress: number;
  /** Credential mails whose login was closed before they went out. */
  readonly cancelled: number;
}

/** Progress of a running send job. */
export interface DeliveryProgress {
  readonly done: number;
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
}

/** What the send job needs. */
export interface DeliveryDeps {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  readonly clock: () => Date;
  readonly transport: MailTransport;
}

/** Which mails to send, and how patiently. */
export interface DeliveryOptions {
  readonly roundId?: string;
  readonly kinds?: readonly MailKind[];
  readonly mailIds?: readonly string[];
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly actorId?: string | null;
  readonly onProgress?: (p: DeliveryProgress) => void;
}

const REDACTED = '[link fjernet efter afsendelse]';

/**
 * The send job: sends every recorded mail not yet sent, one at a time, and marks each sent in the
 * same transaction as its audit entry once the transport has accepted it. A mail is claimed
 * (committed) before it is handed over, so two jobs never send the same one; a job killed halfway
 * leaves unsent mails pending and at most the one in hand claimed, and a rerun sends exactly those.
 * Every attempt carries the mail's fixed Message-ID. After sending, the set-password link is
 * removed from the stored text and the link's validity counted from now.
 * @param deps database, registry, clock and the transport
 * @param options filters, lease, attempts and a progress callback
 * @returns counts
 * @example
 * const r = await deliverMails({ db, registry, clock, transport }, { roundId: '2024', kinds: ['credentials'] });
 */
export async function deliverMails(deps: DeliveryDeps, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 5;
  let q = deps.db
    .selectFrom('mails')
    .select(['id', 'status', 'claimed_by', 'claimed_at'])
    .where('status', 'in', ['pending', 'sending'])
    .orderBy('created_at')
    .orderBy('id');
  if (options.roundId) q = q.where('round_id', '=', options.roundId);
  if (options.kinds) q = q.where('kind', 'in', [...options.kinds]);
  if (options.mailIds) {
    if (options.mailIds.length === 0) return { total: 0, sent: 0, failed: 0, retrying: 0, inProgress: 0, cancelled: 0 };
    q = q.where('id', 'in', [...options.mailIds]);
  }
  const rows = await q.execute();
  const now = deps.clock();
  const todo = rows.filter((r) => r.status === 'pending' || isClaimAbandoned(r.claimed_by, r.claimed_at, now, leaseMs));
  let inProgress = rows.length - todo.length;
  let sent = 0;
  let failed = 0;
  let retrying = 0;
  let cancelled = 0;
  const claim = newClaim();
  try {
    for (const [i, r] of todo.entries()) {
      const outcome = await deliverOne(deps, r, claim, maxAttempts, options.actorId ?? null);
      if (outcome === 'sent') sent += 1;
      else if (outcome === 'failed') failed += 1;
      else if (outcome === 'retry') retrying += 1;
      else if (outcome === 'cancelled') cancelled += 1;
      else inProgress += 1;
      options.onProgress?.({ done: i + 1, total: todo.length, sent, failed });
    }
  } finally {
    releaseClaim(claim);
  }
  return { total: todo.length, sent, failed, retrying, inProgress, cancelled };
}

async function deliverOne(
  deps: DeliveryDeps,
  seen: { id: string; status: string; claimed_by: string | null },
  claim: string,
  maxAttempts: number,
  actorId: string | null,
): Promise<'sent' | 'failed' | 'retry' | 'cancelled' | 'taken'> {
  // Claim it, committed before sending: only if nobody changed it since it was read.
  let claimQuery = deps.db
    .updateTable('mails')
    .set((eb) => ({ status: 'sending', claimed_by: claim, claimed_at: deps.clock().toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', seen.id)
    .where('status', '=', seen.status as 'pending' | 'sending');
  claimQuery = seen.claimed_by === null ? claimQuery.where('claimed_by', 'is', null) : claimQuery.where('claimed_by', '=', seen.claimed_by);
  const claimed = await claimQuery.executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return 'taken';
  const mail = await deps.db.selectFrom('mails').selectAll().where('id', '=', seen.id).executeTakeFirstOrThrow();

  if (mail.credential_id) {
    const cred = await deps.db.selectFrom('respondent_credentials').select('status').where('id', '=', mail.credential_id).executeTakeFirst();
    if (cred?.status !== 'active') {
      await deps.db
        .updateTable('mails')
        .set({ status: 'cancelled', secret: null, body: '(annulleret, før den blev sendt)', claimed_by: null })
        .where('id', '=', mail.id)
        .where('claimed_by', '=', claim)
        .execute();
      return 'cancelled';
    }
  }

  const round = mail.round_id ? deps.registry.round(mail.round_id) : undefined;
  const from = round ? roundMailFacts(round).afsender : { navn: 'Ligestillingsafdelingen', email: 'lige@lige.dk' };
  const result = await deps.transport.send({
    key: mail.idempotency_key,
    from: { name: from.navn, address: from.email },
    to: { name: mail.recipient_name, address: mail.recipient },
    subject: mail.subject,
    text: mail.body,
    messageId: mail.message_id,
  });
  const at = deps.clock().toISOString();
  if (result.ok) {
    await inTransaction(deps.db, async (trx) => {
      await trx
        .updateTable('mails')
        .set({
          status: 'sent',
          sent_at: at,
          transport: deps.transport.kind,
          body: mail.secret ? mail.body.split(mail.secret).join(REDACTED) : mail.body,
          secret: null,
          last_error: null,
          claimed_by: null,
        })
        .where('id', '=', mail.id)
        .execute();
      if (mail.credential_id) {
        const cred = await trx
          .selectFrom('respondent_credentials')
          .select(['created_at', 'expires_at'])
          .where('id', '=', mail.credential_id)
          .executeTakeFirst();
        if (cred) {
          const validMs = Date.parse(cred.expires_at) - Date.parse(cred.created_at);
          await trx
            .updateTable('respondent_credentials')
            .set({ expires_at: new Date(Date.parse(at) + validMs).toISOString() })
            .where('id', '=', mail.credential_id)
            .where('status', '=', 'active')
            .execute();
        }
      }
      await appendAudit(trx, {
        at,
        actorId,
        action: 'mail.sent',
        entity: 'mail',
        entityId: mail.id,
        data: {
          kind: mail.kind,
          key: mail.idempotency_key,
          recipient: mail.recipient,
          messageId: mail.message_id,
          attempt: mail.attempts,
          transport: deps.transport.description,
          response: result.response.slice(0, 200),
        },
      });
      return true;
    });
    return 'sent';
  }
  const giveUp = result.permanent || mail.attempts >= maxAttempts;
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('mails')
      .set({ status: giveUp ? 'failed' : 'pending', last_error: result.error, claimed_by: null })
      .where('id', '=', mail.id)
      .execute();
    await appendAudit(trx, {
      at,
      actorId,
      action: giveUp ? 'mail.failed' : 'mail.deferred',
      entity: 'mail',
      entityId: mail.id,
      data: { kind: mail.kind, key: mail.idempotency_key, recipient: mail.recipient, attempt: mail.attempts, error: result.error },
    });
    return true;
  });
  return giveUp ? 'failed' : 'retry';
}
