import type { Kysely } from 'kysely';
import type { CredentialStatus, Database, MailStatus, SubmissionStatus } from '../db/index.ts';
import type { Round } from '../compile-round.ts';
import { respondentsOf } from '../respondents-of.ts';
import type { BoardStatus } from './board-status.ts';
import { reportForm } from './report-form.ts';

/** One respondent on the ministry's board. */
export interface BoardRow {
  readonly organisationId: string;
  readonly code: string;
  readonly navn: string;
  /** The value of the round's board group attribute (`respondents.group`, e.g. the region), '' when none. */
  readonly group: string;
  readonly status: BoardStatus;
  /** Danish detail to the status, e.g. "Linket er udløbet" ('' when none). */
  readonly detail: string;
  readonly contact: { readonly navn: string; readonly email: string; readonly telefon: string | null; readonly updatedAt: string } | null;
  readonly login: {
    readonly status: CredentialStatus | 'udloebet';
    readonly email: string;
    readonly issuedAt: string;
    readonly mailStatus: MailStatus | null;
    readonly sentAt: string | null;
    readonly usedAt: string | null;
  } | null;
  readonly lastLoginAt: string | null;
  readonly submission: { readonly status: SubmissionStatus; readonly updatedAt: string; readonly submittedAt: string | null } | null;
  readonly reminders: { readonly count: number; readonly lastAt: string | null };
  /** The latest of every dated event above. */
  readonly lastActivity: string | null;
}

const latest = (...xs: Array<string | null | undefined>): string | null =>
  xs.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/**
 * Builds the board: every respondent of the round with its contact, login, last login, report status and
 * reminders, and one status: submitted / reopened / draft (the report) before logged in, login
 * sent, contact only, no contact.
 * @param db the database
 * @param round the round
 * @param now the current time (a link past its date counts as expired)
 * @returns one row per municipality, by code
 */
export async function listBoard(db: Kysely<Database>, round: Round, now: Date): Promise<BoardRow[]> {
  const formName = reportForm(round)?.info.name ?? '';
  const [orgs, contacts, creds, subs, logins, reminders] = await Promise.all([
    db
      .selectFrom('organisations as o')
      .innerJoin('round_respondents as rr', 'rr.organisation_id', 'o.id')
      .select(['o.id', 'o.code', 'o.navn'])
      .where('rr.round_id', '=', round.id)
      .orderBy('o.code')
      .execute(),
    db.selectFrom('contacts').select(['organisation_id', 'navn', 'email', 'telefon', 'updated_at']).where('round_id', '=', round.id).execute(),
    db
      .selectFrom('respondent_credentials as r')
      .leftJoin('mails as m', 'm.credential_id', 'r.id')
      .select(['r.organisation_id', 'r.status', 'r.email', 'r.created_at', 'r.expires_at', 'r.used_at', 'r.closed_at', 'r.closed_reason', 'm.status as mail_status', 'm.sent_at'])
      .where('r.round_id', '=', round.id)
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('submissions')
      .select(['organisation_id', 'status', 'updated_at', 'submitted_at'])
      .where('round_id', '=', round.id)
      .where('form_name', '=', formName)
      .execute(),
    db
      .selectFrom('audit_log as a')
      .innerJoin('users as u', 'u.id', 'a.entity_id')
      .select(['u.organisation_id', (eb) => eb.fn.max('a.at').as('at')])
      .where('a.action', '=', 'user.login')
      .where('u.role', '=', 'respondent')
      .groupBy('u.organisation_id')
      .execute(),
    db
      .selectFrom('mails')
      .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('sent_at').as('last')])
      .where('round_id', '=', round.id)
      .where('kind', '=', 'reminder')
      .where('status', '=', 'sent')
      .groupBy('organisation_id')
      .execute(),
  ]);
  const population = respondentsOf(round);
  const groupAttribute = 'error' in population ? undefined : population.group?.attribute;
  const groupOf = (code: string): string =>
    groupAttribute === undefined || 'error' in population ? '' : (population.byKey.get(code)?.attributes[groupAttribute] ?? '');
  const contactBy = new Map(contacts.map((c) => [c.organisation_id, c]));
  // Ordered by creation, so the last one per municipality is its newest credential.
  const credBy = new Map(creds.map((c) => [c.organisation_id, c]));
  const subBy = new Map(subs.map((s) => [s.organisation_id, s]));
  const loginBy = new Map(logins.map((l) => [l.organisation_id, l.at as string | null]));
  const remBy = new Map(reminders.map((r) => [r.organisation_id, { count: Number(r.n), lastAt: (r.last as string | null) ?? null }]));
  return orgs.map((o) => {
    const contact = contactBy.get(o.id);
    const cred = credBy.get(o.id);
    const sub = subBy.get(o.id);
    const lastLoginAt = loginBy.get(o.id) ?? null;
    const expired = cred?.status === 'active' && Date.parse(cred.expires_at) <= now.getTime();
    const login = cred
      ? {
          status: expired ? ('udloebet' as const) : cred.status,
          email: cred.email,
          issuedAt: cred.created_at,
          mailStatus: cred.mail_status ?? null,
          sentAt: cred.sent_at ?? null,
          usedAt: cred.used_at,
        }
      : null;
    const liveSent = !!cred && (cred.status === 'active' || cred.status === 'used') && cred.mail_status === 'sent';
    let status: BoardStatus;
    if (sub) status = sub.status === 'submitted' ? 'indsendt' : sub.status === 'reopened' ? 'genaabnet' : 'kladde';
    else if (lastLoginAt && (cred?.status === 'used' || !cred)) status = 'logget-ind';
    else if (liveSent) status = 'login-sendt';
    else status = contact ? 'kontaktperson' : 'ingen-kontakt';
    let detail = '';
    if (cred?.status === 'revoked') detail = 'Login tilbagekaldt';
    else if (cred?.status === 'replaced' && cred.closed_reason === 'kontakt-aendret') detail = 'Kontakten er ændret; det gamle login er lukket';
    else if (expired) detail = 'Linket er udløbet uden at være brugt';
    else if (cred?.mail_status === 'failed') detail = 'Login-mailen kunne ikke sendes';
    else if (cred && (cred.mail_status === 'pending' || cred.mail_status === 'sending')) detail = 'Login venter på at blive sendt';
    else if (cred?.status === 'active' && liveSent) detail = 'Adgangskode ikke valgt endnu';
    const rem = remBy.get(o.id) ?? { count: 0, lastAt: null };
    return {
      organisationId: o.id,
      code: o.code,
      navn: o.navn,
      group: groupOf(o.code),
      status,
      detail,
      contact: contact ? { navn: contact.navn, email: contact.email, telefon: contact.telefon, updatedAt: contact.updated_at } : null,
      login,
      lastLoginAt,
      submission: sub ? { status: sub.status, updatedAt: sub.updated_at, submittedAt: sub.submitted_at } : null,
      reminders: rem,
      lastActivity: latest(contact?.updated_at, cred?.created_at, cred?.sent_at, cred?.used_at, lastLoginAt, sub?.updated_at, rem.lastAt),
    };
  });
}
