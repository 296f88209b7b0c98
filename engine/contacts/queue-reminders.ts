import { appendAudit, findForm, inTransaction } from '../workflows/index.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';
import type { CredentialDeps } from './credential-deps.ts';
import { recordMail } from './record-mail.ts';
import { reportForm } from './report-form.ts';
import { roundMailFacts } from './round-mail-facts.ts';

/** What a reminder run recorded. */
export interface ReminderOutcome {
  readonly ok: true;
  readonly formName: string;
  readonly batch: string;
  /** Municipalities a reminder was recorded for now. */
  readonly queued: readonly string[];
  /** Municipalities that already have this batch's reminder (a rerun). */
  readonly already: readonly string[];
  /** Municipalities that have not submitted but have no contact person to remind. */
  readonly noContact: readonly string[];
  /** How many have submitted. */
  readonly submitted: number;
}

const STATUS_TEXT: Record<string, string> = { missing: 'ikke påbegyndt', draft: 'gemt som kladde', reopened: 'genåbnet' };

/**
 * Today's date in the round's time zone: the default batch, so one reminder a day at most.
 * @param now the current time
 * @param timeZone e.g. Europe/Copenhagen
 * @returns YYYY-MM-DD
 */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Records a reminder for every municipality that has not submitted the round's report (or the named
 * form), addressed to its contact person, from the round's `mails/paamindelse.hbs`. A batch (by
 * default today's date) reminds each municipality once, however often it is run; the send job
 * delivers them.
 * @param deps database, registry, clock, templates, public address
 * @param input round, optionally the form and batch, and the acting admin
 * @returns who was reminded, who already was, who has no contact
 * @example
 * const r = await queueReminders(deps, { roundId: '2024', actorId: null });
 * await deliverMails(deps, { roundId: '2024', kinds: ['reminder'] });
 */
export async function queueReminders(
  deps: CredentialDeps,
  input: { readonly roundId: string; readonly formName?: string; readonly batch?: string; readonly actorId: string | null },
): Promise<ReminderOutcome | ContactsFailure> {
  const round = deps.registry.round(input.roundId);
  if (!round) return contactsFail('NOT_FOUND', { what: `runde ${input.roundId}` });
  const formName = input.formName ?? reportForm(round)?.info.name ?? '';
  const found = findForm(deps.registry, round.id, formName);
  if (!found) return contactsFail('FORM_NOT_FOUND', { roundId: round.id, formName });
  const now = deps.clock();
  const at = now.toISOString();
  const batch = (input.batch ?? localDate(now, String(round.settings.tidszone ?? 'Europe/Copenhagen'))).replace(/[^A-Za-z0-9-]/g, '-').slice(0, 40);
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  const facts = roundMailFacts(round);
  const rows = await deps.db
    .selectFrom('organisations as o')
    .leftJoin('contacts as c', (j) => j.onRef('c.organisation_id', '=', 'o.id').on('c.round_id', '=', round.id))
    .leftJoin('submissions as s', (j) => j.onRef('s.organisation_id', '=', 'o.id').on('s.round_id', '=', round.id).on('s.form_name', '=', formName))
    .leftJoin('extensions as e', (j) => j.onRef('e.organisation_id', '=', 'o.id').on('e.round_id', '=', round.id).on('e.form_name', '=', formName))
    .select(['o.id', 'o.code', 'o.navn as kommune', 'c.navn', 'c.email', 's.status', 'e.until'])
    .orderBy('o.code')
    .execute();
  const queued: string[] = [];
  const already: string[] = [];
  const noContact: string[] = [];
  let submitted = 0;
  return inTransaction(deps.db, async (trx) => {
    for (const r of rows) {
      if (r.status === 'submitted') {
        submitted += 1;
        continue;
      }
      if (!r.email || !r.navn) {
        noContact.push(r.code);
        continue;
      }
      const frist = r.until ?? (found.info.frist ? (datoer[found.info.frist] ?? null) : null);
      const mail = deps.templates.reminder({
        respondent: r.kommune,
        modtager: r.navn,
        skema: found.info.title,
        frist,
        status: STATUS_TEXT[r.status ?? 'missing'] ?? 'ikke indsendt',
        runde: facts.runde,
        afsender: facts.afsender,
        adresse: deps.publicUrl,
      });
      const id = await recordMail(trx, {
        key: `reminder:${round.id}:${formName}:${r.code}:${batch}`,
        kind: 'reminder',
        roundId: round.id,
        organisationId: r.id,
        recipient: r.email.trim().toLowerCase(),
        recipientName: r.navn,
        subject: mail.subject,
        text: mail.text,
        fromAddress: facts.afsender.email,
        at,
        actorId: input.actorId,
      });
      (id ? queued : already).push(r.code);
    }
    if (queued.length > 0) {
      await appendAudit(trx, {
        at,
        actorId: input.actorId,
        action: 'reminders.queued',
        entity: 'round',
        entityId: round.id,
        data: { formName, batch, count: queued.length },
      });
    }
    return { ok: true as const, formName, batch, queued, already, noContact, submitted };
  });
}
