import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  deliverMails,
  issueCredentials,
  loadMailTemplates,
  setPasswordWithLink,
  updateContact,
  type CredentialDeps,
} from '../../engine/contacts/index.ts';
import { outboxTransport, parseRawMail } from '../../engine/mail/index.ts';
import { login, reopen, saveDraft, submit, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { validMaaltal } from '../helpers/index.ts';
import { contactFor } from './contact-sheet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Contact names that must come out harmless on pages and in exports. */
export const HOSTILE = Object.freeze({
  '0157': '<script>alert("kontakt")</script>',
  '0159': '=HYPERLINK("https://ond.example","klik")',
});

/** The status each municipality of the fixture ends in; all others have no contact. */
export const FIXTURE_STATUS = Object.freeze({
  '0101': 'indsendt',
  '0147': 'genaabnet',
  '0151': 'kladde',
  '0153': 'logget-ind',
  '0155': 'login-sendt',
  '0157': 'kontaktperson',
  '0159': 'kontaktperson',
});

/** The password the fixture's contact persons chose. */
export const CHOSEN = 'min egen lange adgangssætning';

/**
 * Brings seven municipalities to each status of the board through the real workflows: contacts,
 * credentials sent to an outbox folder, passwords chosen through the links, logins, a draft, a
 * submission and a reopened one.
 * @param deps database, registry, clock (seedTestData already run)
 * @param personas the persona ids from seedTestData (respondentA is 0147, respondentB 0151)
 * @param outboxDir where the credential mails are written
 * @returns the set-password link of the municipality whose login is only sent (0155)
 */
export async function seedBoardStates(
  deps: WorkflowDeps,
  personas: Record<'respondentA' | 'respondentB' | 'admin', string>,
  outboxDir: string,
): Promise<{ pendingLink: string }> {
  const templates = await loadMailTemplates(path.join(ROOT, 'schemas', '2024'));
  if ('ok' in templates) throw new Error(templates.code);
  const cd: CredentialDeps = { ...deps, templates, publicUrl: 'https://indberet.example', linkDays: 14 };
  const setContact = async (kode: string, navn?: string) => {
    const c = contactFor(deps.registry, kode);
    const r = await updateContact(deps, { roundId: '2024', code: kode, fields: { navn: navn ?? c.navn, email: c.email, regionskode: c.regionskode }, actorId: personas.admin });
    if (!r.ok) throw new Error(`${kode}: ${r.code}`);
  };
  for (const kode of ['0101', '0153', '0155']) await setContact(kode);
  const issued = await issueCredentials(cd, { roundId: '2024', mode: 'new', actorId: personas.admin });
  if (!issued.ok || issued.issued.length !== 3) throw new Error('credentials');
  await deliverMails({ ...deps, transport: outboxTransport(outboxDir) }, { roundId: '2024' });
  const links: Record<string, string> = {};
  for (const name of await readdir(outboxDir)) {
    const mail = parseRawMail(await readFile(path.join(outboxDir, name), 'utf8'));
    const kode = /credentials-2024-(\d{4})-/.exec(name)?.[1];
    const link = /\/adgang\/[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    if (kode && link) links[kode] = link;
  }
  for (const kode of ['0101', '0153']) {
    const token = links[kode]!.slice('/adgang/'.length);
    const set = await setPasswordWithLink(deps, { token, password: CHOSEN, repeat: CHOSEN });
    if (!set.ok) throw new Error(`${kode}: ${set.code}`);
    const s = await login(deps, { email: set.email, password: CHOSEN, ip: '127.0.0.1' });
    if (!s.ok) throw new Error(`${kode}: ${s.code}`);
  }
  await setContact('0157', HOSTILE['0157']);
  await setContact('0159', HOSTILE['0159']);

  const orgId = async (kode: string) => (await deps.db.selectFrom('organisations').select('id').where('code', '=', kode).executeTakeFirstOrThrow()).id;
  const k101 = await deps.db.selectFrom('users').select('id').where('email', '=', contactFor(deps.registry, '0101').email).executeTakeFirstOrThrow();
  const reports: Array<[string, string]> = [
    ['0101', k101.id],
    ['0147', personas.respondentA],
  ];
  for (const [kode, userId] of reports) {
    const organisationId = await orgId(kode);
    const r = await submit(deps, {
      actor: { id: userId, role: 'respondent', organisationId },
      roundId: '2024',
      formName: 'maaltal',
      organisationId,
      ifMatch: 0,
      answers: validMaaltal(kode),
    });
    if (!r.ok) throw new Error(`${kode}: ${r.code}`);
    if (kode === '0147') {
      const o = await reopen(deps, { submissionId: r.submission.id, actorId: personas.admin });
      if (!o.ok) throw new Error(o.code);
    }
  }
  const ballerup = await orgId('0151');
  const d = await saveDraft(deps, {
    actor: { id: personas.respondentB, role: 'respondent', organisationId: ballerup },
    roundId: '2024',
    formName: 'maaltal',
    organisationId: ballerup,
    ifMatch: 0,
    answers: { kommunekode: '0151' },
  });
  if (!d.ok) throw new Error(d.code);
  return { pendingLink: links['0155']! };
}
