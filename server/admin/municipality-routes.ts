import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import type { Round } from '../../engine/compile-round.ts';
import { boardLabels, contactFields, contactFormOf, deliverMails, issueCredentials, listBoard, listMails, revokeCredential, updateContact } from '../../engine/contacts/index.ts';
import { respondentsOf } from '../../engine/index.ts';
import { deadlineOf, findForm, grantExtension, listExtensions, reopen } from '../../engine/workflows/index.ts';
import { formatDate } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { contactsMessage } from './contacts-error.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { contactPageFields, formField, municipalityUrl, notFoundPage, refusedPage, roundOr404 } from './page-helpers.ts';
import type { DeadlineRow, ExtensionError } from './pages/ExtensionSection.tsx';
import type { SubmittedRow } from './pages/ReopenSection.tsx';
import { MunicipalityPage } from './pages/MunicipalityPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

type ContactForm = { values: Record<string, string>; errors: Record<string, string> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Each of the round's forms that has a deadline, with the organisation's extension. */
async function deadlinesOf(deps: AppDeps, round: Round, organisationId: string): Promise<DeadlineRow[]> {
  const extensions = await listExtensions(deps.db, round.id, organisationId);
  return round.formList.flatMap((info) => {
    const found = findForm(deps.registry, round.id, info.name);
    const ext = extensions.find((e) => e.formName === info.name);
    const d = found ? deadlineOf(found, ext?.until ?? null) : undefined;
    return d?.frist ? [{ formName: info.name, title: info.title, frist: d.frist, extendedUntil: d.extendedUntil, reason: ext?.reason ?? null }] : [];
  });
}

/** Each of the round's forms the organisation has submitted, which the ministry may reopen. */
async function submittedOf(deps: AppDeps, round: Round, organisationId: string): Promise<SubmittedRow[]> {
  const rows = await deps.db
    .selectFrom('submissions')
    .select(['form_name', 'submitted_at'])
    .where('round_id', '=', round.id)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'submitted')
    .execute();
  return round.formList.flatMap((info) => {
    const row = rows.find((r) => r.form_name === info.name);
    return row ? [{ formName: info.name, title: info.title, submittedAt: row.submitted_at }] : [];
  });
}

/**
 * What the contact form shows before anything is typed: the stored contact in the fields the form
 * marks as its name, e-mail and phone, and for any other field the respondent's attribute of the
 * same name in the round's table (a region the table knows need not be picked).
 */
function storedValues(round: Round, code: string, contact: { navn: string; email: string; telefon: string | null } | null): Record<string, string> {
  const form = contactFormOf(round);
  const roles = form ? contactFields(form) : undefined;
  const population = respondentsOf(round);
  const attributes = 'error' in population ? {} : (population.byKey.get(code)?.attributes ?? {});
  const values: Record<string, string> = {};
  for (const f of contactPageFields(round)) if (attributes[f.name] !== undefined) values[f.name] = attributes[f.name]!;
  if (roles && contact) {
    values[roles.name] = contact.navn;
    values[roles.email] = contact.email;
    if (roles.phone) values[roles.phone] = contact.telefon ?? '';
  }
  return values;
}

/**
 * One respondent's page: its contact person (edited through the contact-list form's checks),
 * its login (send anew, revoke) and the mails sent to it.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createMunicipalityRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireAdminPage();

  const page = async (req: Request, res: Response, round: Round, form?: ContactForm, extensionError?: ExtensionError, freshLink?: string) => {
    const a = adminPageUser(req);
    const kode = String(req.params.code);
    const row = (await listBoard(deps.db, round, wf.clock())).find((r) => r.code === kode);
    if (!row) return notFoundPage(req, res, `${boardLabels(round).name} findes ikke i runden.`);
    const notice = noticeText(req.query, boardLabels(round));
    sendPage(
      res,
      createElement(MunicipalityPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        timeZone: rt.timeZone(round.id),
        row,
        respondentWord: boardLabels(round).name,
        words: boardLabels(round),
        fields: contactPageFields(round),
        values: form?.values ?? storedValues(round, kode, row.contact),
        errors: form?.errors ?? {},
        mails: await listMails(deps.db, { roundId: round.id, code: kode, limit: 50 }),
        deadlines: await deadlinesOf(deps, round, row.organisationId),
        submitted: await submittedOf(deps, round, row.organisationId),
        extensionError,
        freshLink,
        ...(notice && !freshLink ? { notice } : {}),
      }),
      (form && Object.keys(form.errors).length > 0) || extensionError ? 422 : 200,
    );
  };

  router.get('/admin/runde/:roundId/respondent/:code', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (round) await page(req, res, round);
  });

  router.post('/admin/runde/:roundId/respondent/:code', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const values = Object.fromEntries(contactPageFields(round).map((f) => [f.name, formField(req, f.name)]));
    const kode = String(req.params.code);
    const r = await updateContact(wf, { roundId: round.id, code: kode, fields: values, actorId: adminPageUser(req).user.id });
    if (!r.ok) {
      const errors: Record<string, string> = {};
      const first = contactPageFields(round)[0]?.name ?? 'skema';
      for (const i of r.issues ?? []) errors[i.path.split('/')[1] || first] ??= i.message;
      if (Object.keys(errors).length === 0) errors[first] = contactsMessage(r);
      return page(req, res, round, { values, errors });
    }
    if (formField(req, 'handling', 10) !== 'send') return res.redirect(303, withNotice(municipalityUrl(round.id, kode), 'gemt', { lukket: r.closedCredentialId ? 1 : 0 }));
    await sendLogin(req, res, round, kode, 'inviteret');
  });

  // A new login replaces the old one, so sending is the same whether it is the first or not.
  const sendLogin = async (req: Request, res: Response, round: Round, kode: string, notice: string) => {
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'resend', codes: [kode], actorId });
    const problem = issued.ok ? issued.problems[0]?.failure : issued;
    if (problem) return refusedPage(req, res, 'Login blev ikke sendt', contactsMessage(problem));
    const d = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId });
    res.redirect(303, withNotice(municipalityUrl(round.id, kode), notice, { sendt: d.sent }));
  };

  router.post('/admin/runde/:roundId/respondent/:code/login/send', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (round) await sendLogin(req, res, round, String(req.params.code), 'login-sendt');
  });

  // The link exists in clear only in the recorded mail until it is sent, so it is read from there
  // before the mail goes out and shown on this answer alone (never in an address).
  router.post('/admin/runde/:roundId/respondent/:code/login/link', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.code);
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'resend', codes: [kode], actorId });
    const problem = issued.ok ? issued.problems[0]?.failure : issued;
    if (problem) return refusedPage(req, res, 'Login blev ikke lavet', contactsMessage(problem));
    const mail = await deps.db
      .selectFrom('mails as m')
      .innerJoin('respondent_credentials as r', 'r.id', 'm.credential_id')
      .select(['m.id', 'm.secret'])
      .where('r.round_id', '=', round.id)
      .where('r.status', '=', 'active')
      .where('m.kind', '=', 'credentials')
      .where('m.status', 'in', ['pending', 'sending'])
      .where('r.organisation_id', '=', (await listBoard(deps.db, round, wf.clock())).find((r) => r.code === kode)?.organisationId ?? '')
      .executeTakeFirst();
    if (mail) await deliverMails(rt.deliveryDeps(), { mailIds: [mail.id], actorId });
    await page(req, res, round, undefined, undefined, mail?.secret ?? undefined);
  });

  router.post('/admin/runde/:roundId/respondent/:code/login/tilbagekald', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.code);
    const r = await revokeCredential(wf, { roundId: round.id, code: kode, actorId: adminPageUser(req).user.id });
    if (!r.ok) return refusedPage(req, res, 'Login blev ikke tilbagekaldt', contactsMessage(r));
    res.redirect(303, withNotice(municipalityUrl(round.id, kode), 'tilbagekaldt'));
  });

  router.post('/admin/runde/:roundId/respondent/:code/frist', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.code);
    const formName = formField(req, 'formName', 100);
    const until = formField(req, 'until', 20).trim();
    const reason = formField(req, 'reason', 1000).trim();
    const found = findForm(deps.registry, round.id, formName);
    const frist = found ? deadlineOf(found, null).frist : null;
    if (!found || !frist) return notFoundPage(req, res, 'Skemaet findes ikke eller har ingen frist.');
    const refused = (text: string) => page(req, res, round, undefined, { formName, until, reason, text });
    if (!ISO_DATE.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) return refused('Skriv datoen for den nye frist, fx 2024-06-30.');
    if (until <= frist) return refused(`Den nye frist skal ligge efter fristen, ${formatDate(frist)}.`);
    const r = await grantExtension(wf, { roundId: round.id, formName, code: kode, until, ...(reason ? { reason } : {}), actorId: adminPageUser(req).user.id });
    if (!r.ok) return notFoundPage(req, res, `${boardLabels(round).name} findes ikke i runden.`);
    res.redirect(303, `${withNotice(municipalityUrl(round.id, kode), 'frist-forlaenget')}#frist`);
  });

  // Reopening lets the respondent change and submit the report again; the reason goes to the audit log.
  router.post('/admin/runde/:roundId/respondent/:code/genaabn', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.code);
    const formName = formField(req, 'formName', 100);
    const reason = formField(req, 'reason', 1000).trim();
    const row = (await listBoard(deps.db, round, wf.clock())).find((r) => r.code === kode);
    if (!row || !findForm(deps.registry, round.id, formName)) return notFoundPage(req, res, 'Skemaet eller respondenten findes ikke i runden.');
    const sub = await deps.db
      .selectFrom('submissions')
      .select('id')
      .where('round_id', '=', round.id)
      .where('organisation_id', '=', row.organisationId)
      .where('form_name', '=', formName)
      .executeTakeFirst();
    if (!sub) return refusedPage(req, res, 'Indberetningen blev ikke genåbnet', 'Der er ingen indberetning at genåbne.');
    const r = await reopen(wf, { submissionId: sub.id, actorId: adminPageUser(req).user.id, ...(reason ? { reason } : {}) });
    if (!r.ok) return refusedPage(req, res, 'Indberetningen blev ikke genåbnet', r.code === 'NOT_SUBMITTED' ? 'Kun en indsendt indberetning kan genåbnes.' : 'Indberetningen findes ikke.');
    res.redirect(303, withNotice(municipalityUrl(round.id, kode), 'genaabnet'));
  });

  return router;
}
