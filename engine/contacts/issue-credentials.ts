import type { Transaction } from 'kysely';
import type { Round } from '../compile-round.ts';
import type { Database } from '../db/index.ts';
import { appendAudit, inTransaction, newId, newSecret, sha256Hex } from '../workflows/index.ts';
import { closeCredentials } from './close-credentials.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import type { CredentialDeps } from './credential-deps.ts';
import { isUniqueViolation } from './is-unique-violation.ts';
import { lockedPasswordHash } from './locked-password.ts';
import { recordMail } from './record-mail.ts';
import { roundMailFacts } from './round-mail-facts.ts';

/** Which municipalities to issue for: every one that needs a login, or named ones anew. */
export type IssueMode = 'new' | 'resend';

/** What a credential run did, municipality by municipality. */
export interface IssueOutcome {
  readonly ok: true;
  /** Municipalities that got a new credential (its mail is recorded, not yet sent). */
  readonly issued: readonly string[];
  /** Municipalities left alone: they already have a login, the ministry revoked it, or another job just issued one. */
  readonly skipped: ReadonlyArray<{ readonly code: string; readonly reason: 'har-login' | 'tilbagekaldt' | 'samtidig' }>;
  /** Municipalities that could not get one, with the failure. */
  readonly problems: ReadonlyArray<{ readonly code: string; readonly failure: ContactsFailure }>;
}

/**
 * Issues set-password credentials to municipalities' contact persons. `new` covers every
 * municipality with a contact and no live login (never sent, or closed because the contact
 * changed); `resend` gives the named municipalities a fresh one, which replaces the old (its link
 * and password stop working). Each municipality is one transaction: its account (created, or
 * reset), the credential (token stored hashed), and the mail recorded for the send job. Nothing is
 * sent here, so a crash at any point and a rerun never give one municipality two logins.
 * @param deps database, registry, clock, the round's mail templates, public address, link validity
 * @param input round, mode, optionally the municipalities, and the acting admin (null: command line)
 * @returns per-municipality outcome, or FORM_NOT_FOUND-style failures for an unknown round
 * @example
 * const r = await issueCredentials(deps, { roundId: '2024', mode: 'new', actorId: null });
 * await deliverMails(deps, { roundId: '2024' });
 */
export async function issueCredentials(
  deps: CredentialDeps,
  input: { readonly roundId: string; readonly mode: IssueMode; readonly codes?: readonly string[]; readonly actorId: string | null },
): Promise<IssueOutcome | ContactsFailure> {
  const round = deps.registry.round(input.roundId);
  if (!round) return contactsFail('NOT_FOUND', { what: `runde ${input.roundId}` });
  let query = deps.db
    .selectFrom('organisations as o')
    .leftJoin('contacts as c', (j) => j.onRef('c.organisation_id', '=', 'o.id').on('c.round_id', '=', round.id))
    .leftJoin('respondent_credentials as r', (j) =>
      j.onRef('r.organisation_id', '=', 'o.id').on('r.round_id', '=', round.id).on('r.status', 'in', ['active', 'used', 'revoked']),
    )
    .select(['o.id', 'o.code', 'c.id as contactId', 'r.status as live'])
    .orderBy('o.code');
  if (input.codes) {
    if (input.codes.length === 0) return { ok: true, issued: [], skipped: [], problems: [] };
    query = query.where('o.code', 'in', [...input.codes]);
  }
  const orgs = await query.execute();
  const issued: string[] = [];
  const skipped: Array<IssueOutcome['skipped'][number]> = [];
  const problems: Array<IssueOutcome['problems'][number]> = [];
  for (const kode of input.codes ?? []) {
    if (!orgs.some((o) => o.code === kode)) problems.push({ code: kode, failure: contactsFail('ORGANISATION_NOT_FOUND', { code: kode }) });
  }
  for (const org of orgs) {
    if (!org.contactId) {
      if (input.mode === 'resend' || input.codes) {
        problems.push({ code: org.code, failure: contactsFail('CONTACT_MISSING', { code: org.code, roundId: round.id }) });
      }
      continue;
    }
    if (input.mode === 'new' && org.live) {
      skipped.push({ code: org.code, reason: org.live === 'revoked' ? 'tilbagekaldt' : 'har-login' });
      continue;
    }
    try {
      const r = await inTransaction(deps.db, (trx) => issueOne(trx, deps, round, org.id, org.code, input.mode, input.actorId));
      if (r === 'skip') skipped.push({ code: org.code, reason: 'har-login' });
      else if (r === 'ok') issued.push(org.code);
      else problems.push({ code: org.code, failure: r });
    } catch (e) {
      // The partial unique index allows one live credential: another job issued it a moment ago.
      if (!isUniqueViolation(e)) throw e;
      skipped.push({ code: org.code, reason: 'samtidig' });
    }
  }
  return { ok: true, issued, skipped, problems };
}

async function issueOne(
  trx: Transaction<Database>,
  deps: CredentialDeps,
  round: Round,
  organisationId: string,
  code: string,
  mode: IssueMode,
  actorId: string | null,
): Promise<'ok' | 'skip' | ContactsFailure> {
  const at = deps.clock().toISOString();
  const contact = await trx
    .selectFrom('contacts as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.navn', 'c.email', 'o.navn as kommune'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.round_id', '=', round.id)
    .executeTakeFirst();
  if (!contact) return contactsFail('CONTACT_MISSING', { code, roundId: round.id });
  if (mode === 'new') {
    // Checked again inside the transaction: the list was read before it.
    const live = await trx
      .selectFrom('respondent_credentials')
      .select('id')
      .where('round_id', '=', round.id)
      .where('organisation_id', '=', organisationId)
      .where('status', 'in', ['active', 'used', 'revoked'])
      .executeTakeFirst();
    if (live) return 'skip';
  }
  const email = contact.email.trim().toLowerCase();
  const existing = await trx.selectFrom('users').select(['id', 'role', 'organisation_id']).where('email', '=', email).executeTakeFirst();
  if (existing && (existing.role !== 'respondent' || existing.organisation_id !== organisationId)) {
    return contactsFail('EMAIL_TAKEN', { email });
  }
  let userId: string;
  if (!existing) {
    userId = newId();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email,
        navn: contact.navn,
        role: 'respondent',
        organisation_id: organisationId,
        password_hash: lockedPasswordHash(),
        must_change_password: 0,
        disabled: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await appendAudit(trx, { at, actorId, action: 'user.created', entity: 'user', entityId: userId, data: { email, role: 'respondent', organisationId, via: 'credentials' } });
  } else {
    // Every credential replaces what came before: the account waits for the new link.
    userId = existing.id;
    await trx
      .updateTable('users')
      .set({ navn: contact.navn, password_hash: lockedPasswordHash(), must_change_password: 0, disabled: 0, updated_at: at })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
  await closeCredentials(trx, { roundId: round.id, organisationId, status: 'replaced', reason: 'nyt-login', at, actorId, keepUserId: userId });
  const token = newSecret();
  const credentialId = newId();
  await trx
    .insertInto('respondent_credentials')
    .values({
      id: credentialId,
      round_id: round.id,
      organisation_id: organisationId,
      user_id: userId,
      email,
      token_hash: sha256Hex(token),
      status: 'active',
      expires_at: new Date(Date.parse(at) + deps.linkDays * 86_400_000).toISOString(),
      created_at: at,
      created_by: actorId,
      used_at: null,
      closed_at: null,
      closed_reason: null,
    })
    .execute();
  const facts = roundMailFacts(round);
  const link = `${deps.publicUrl}/adgang/${token}`;
  const mail = deps.templates.credentials({
    respondent: contact.kommune,
    modtager: contact.navn,
    brugernavn: email,
    link,
    gyldigDage: deps.linkDays,
    runde: facts.runde,
    frist: facts.frist,
    afsender: facts.afsender,
    adresse: deps.publicUrl,
  });
  await recordMail(trx, {
    key: `credentials:${round.id}:${code}:${credentialId}`,
    kind: 'credentials',
    roundId: round.id,
    organisationId,
    credentialId,
    recipient: email,
    recipientName: contact.navn,
    subject: mail.subject,
    text: mail.text,
    secret: link,
    fromAddress: facts.afsender.email,
    at,
    actorId,
  });
  await appendAudit(trx, {
    at,
    actorId,
    action: 'credential.issued',
    entity: 'credential',
    entityId: credentialId,
    data: { roundId: round.id, code, userId, email, mode },
  });
  return 'ok';
}
