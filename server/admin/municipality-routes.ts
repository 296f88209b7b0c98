import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import type { Round } from '../../engine/compile-round.ts';
import { deliverMails, issueCredentials, listBoard, listMails, revokeCredential, updateContact } from '../../engine/contacts/index.ts';
import { deadlineOf, findForm, grantExtension, listExtensions } from '../../engine/workflows/index.ts';
import { formatDate } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { contactsMessage } from './contacts-error.ts';
import { noticeText, withNotice } from './notice-text.ts';
import { contactFieldTitles, formField, municipalityUrl, notFoundPage, refusedPage, regionsOf, roundOr404 } from './page-helpers.ts';
import type { DeadlineRow, ExtensionError } from './pages/ExtensionSection.tsx';
import { MunicipalityPage } from './pages/MunicipalityPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

type ContactForm = { values: { navn: string; email: string; telefon: string; regionskode: string }; errors: Record<string, string> };

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

/**
 * One municipality's page: its contact person (edited through the contact-list form's checks),
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
    const kode = String(req.params.kommunekode);
    const row = (await listBoard(deps.db, round, wf.clock())).find((r) => r.kommunekode === kode);
    if (!row) return notFoundPage(req, res, 'Kommunen findes ikke.');
    const notice = noticeText(req.query);
    sendPage(
      res,
      createElement(MunicipalityPage, {
        user: a.header,
        csrfToken: a.csrfToken,
        roundId: round.id,
        timeZone: rt.timeZone(round.id),
        row,
        values: form?.values ?? {
          navn: row.contact?.navn ?? '',
          email: row.contact?.email ?? '',
          telefon: row.contact?.telefon ?? '',
          regionskode: row.regionskode,
        },
        errors: form?.errors ?? {},
        regions: regionsOf(round),
        titles: contactFieldTitles(deps, round.id),
        mails: await listMails(deps.db, { roundId: round.id, kommunekode: kode, limit: 50 }),
        deadlines: await deadlinesOf(deps, round, row.organisationId),
        extensionError,
        freshLink,
        ...(notice && !freshLink ? { notice } : {}),
      }),
      (form && Object.keys(form.errors).length > 0) || extensionError ? 422 : 200,
    );
  };

  router.get('/admin/runde/:roundId/kommune/:kommunekode', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (round) await page(req, res, round);
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const values = { navn: formField(req, 'navn'), email: formField(req, 'email'), telefon: formField(req, 'telefon'), regionskode: formField(req, 'regionskode', 10) };
    const kode = String(req.params.kommunekode);
    const r = await updateContact(wf, { roundId: round.id, kommunekode: kode, fields: values, actorId: adminPageUser(req).user.id });
    if (!r.ok) {
      const errors: Record<string, string> = {};
      for (const i of r.issues ?? []) errors[i.path.split('/')[1] || 'navn'] ??= i.message;
      if (Object.keys(errors).length === 0) errors.navn = contactsMessage(r);
      return page(req, res, round, { values, errors });
    }
    if (formField(req, 'handling', 10) !== 'send') return res.redirect(303, withNotice(municipalityUrl(round.id, kode), 'gemt', { lukket: r.closedCredentialId ? 1 : 0 }));
    await sendLogin(req, res, round, kode, 'inviteret');
  });

  // A new login replaces the old one, so sending is the same whether it is the first or not.
  const sendLogin = async (req: Request, res: Response, round: Round, kode: string, notice: string) => {
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'resend', kommunekoder: [kode], actorId });
    const problem = issued.ok ? issued.problems[0]?.failure : issued;
    if (problem) return refusedPage(req, res, 'Login blev ikke sendt', contactsMessage(problem));
    const d = await deliverMails(rt.deliveryDeps(), { roundId: round.id, kinds: ['credentials'], actorId });
    res.redirect(303, withNotice(municipalityUrl(round.id, kode), notice, { sendt: d.sent }));
  };

  router.post('/admin/runde/:roundId/kommune/:kommunekode/login/send', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (round) await sendLogin(req, res, round, String(req.params.kommunekode), 'login-sendt');
  });

  // The link exists in clear only in the recorded mail until it is sent, so it is read from there
  // before the mail goes out and shown on this answer alone (never in an address).
  router.post('/admin/runde/:roundId/kommune/:kommunekode/login/link', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.kommunekode);
    const actorId = adminPageUser(req).user.id;
    const issued = await issueCredentials(await rt.credentialDeps(round.id), { roundId: round.id, mode: 'resend', kommunekoder: [kode], actorId });
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
      .where('r.organisation_id', '=', (await listBoard(deps.db, round, wf.clock())).find((r) => r.kommunekode === kode)?.organisationId ?? '')
      .executeTakeFirst();
    if (mail) await deliverMails(rt.deliveryDeps(), { mailIds: [mail.id], actorId });
    await page(req, res, round, undefined, undefined, mail?.secret ?? undefined);
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode/login/tilbagekald', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.kommunekode);
    const r = await revokeCredential(wf, { roundId: round.id, kommunekode: kode, actorId: adminPageUser(req).user.id });
    if (!r.ok) return refusedPage(req, res, 'Login blev ikke tilbagekaldt', contactsMessage(r));
    res.redirect(303, withNotice(municipalityUrl(round.id, kode), 'tilbagekaldt'));
  });

  router.post('/admin/runde/:roundId/kommune/:kommunekode/frist', guard, async (req, res) => {
    const round = roundOr404(deps, req, res);
    if (!round) return;
    const kode = String(req.params.kommunekode);
    const formName = formField(req, 'formName', 100);
    const until = formField(req, 'until', 20).trim();
    const reason = formField(req, 'reason', 1000).trim();
    const found = findForm(deps.registry, round.id, formName);
    const frist = found ? deadlineOf(found, null).frist : null;
    if (!found || !frist) return notFoundPage(req, res, 'Skemaet findes ikke eller har ingen frist.');
    const refused = (text: string) => page(req, res, round, undefined, { formName, until, reason, text });
    if (!ISO_DATE.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) return refused('Skriv datoen for den nye frist, fx 2024-06-30.');
    if (until <= frist) return refused(`Den nye frist skal ligge efter fristen, ${formatDate(frist)}.`);
    const r = await grantExtension(wf, { roundId: round.id, formName, kommunekode: kode, until, ...(reason ? { reason } : {}), actorId: adminPageUser(req).user.id });
    if (!r.ok) return notFoundPage(req, res, 'Kommunen findes ikke.');
    res.redirect(303, `${withNotice(municipalityUrl(round.id, kode), 'frist-forlaenget')}#frist`);
  });

  return router;
}
