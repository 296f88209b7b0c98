import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLoopbackSmtpServer, type LoopbackSmtpServer, type ReceivedMail } from '../../engine/mail/loopback-smtp-server.ts';
import type { Registry } from '../../engine/index.ts';
import { verifyAuditChain } from '../../engine/workflows/index.ts';
import {
  createTestClock,
  forEachDialect,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  TestClient,
  type TestServer,
} from '../helpers/index.ts';
import { contactFor } from './contact-sheet.ts';

const PUBLIC = 'https://indberet.example';
const NEW_PASSWORD = 'vores nye kommunale adgangskode';

/** The set-password link's path in a received mail. */
function linkPath(mail: ReceivedMail): string {
  const m = new RegExp(`${PUBLIC.replace(/\./g, '\\.')}(/adgang/[A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return m[1]!;
}

/** Opens a link as a new browser and chooses a password on its page. */
async function choosePassword(server: TestServer, path: string, password: string, repeat = password) {
  const c = server.client();
  const page = await c.request('GET', path);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const form = new URLSearchParams({ _csrf: csrf ?? '', password, repeat }).toString();
  const res = await c.request('POST', path, { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { client: c, page, res };
}

forEachDialect('credentials over SMTP', (t) => {
  let registry: Registry;
  let smtp: LoopbackSmtpServer;
  let server: TestServer;
  let admin: TestClient;
  const clock = createTestClock('2024-03-15T08:00:00Z');
  const saved = { SMTP_URL: process.env.SMTP_URL, INDBERET_PUBLIC_URL: process.env.INDBERET_PUBLIC_URL };
  const byRecipient = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));

  beforeAll(async () => {
    registry = await testRegistry();
    await seedTestData({ db: t.db, registry, clock: clock.now });
    smtp = await startLoopbackSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.INDBERET_PUBLIC_URL = PUBLIC;
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { throttle: { freeFailures: 1000, pairFailures: 1000, ipFailures: 1000 } } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
    for (const kode of ['0101', '0147', '0751']) {
      const c = contactFor(registry, kode);
      const r = await admin.request('PUT', `/api/admin/rounds/2024/contacts/${kode}`, { json: { navn: c.navn, email: c.email, regionskode: c.regionskode } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('mails each contact person its login, in Danish, to the right address', async () => {
    const r = await admin.request('POST', '/api/admin/rounds/2024/credentials/send');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.issued).toEqual(['0101', '0147', '0751']);
    expect(r.body.delivery).toMatchObject({ sent: 3, failed: 0 });
    expect(smtp.received).toHaveLength(3);
    for (const kode of ['0101', '0147', '0751']) {
      const c = contactFor(registry, kode);
      const [mail, ...more] = byRecipient(c.email);
      expect(more).toHaveLength(0);
      const kommune = registry.round('2024')!.tables.kommuner![kode]!.navn;
      expect(mail!.envelopeTo).toEqual([c.email]);
      expect(mail!.envelopeFrom).toBe('lige@lige.dk');
      expect(mail!.from).toContain('Ligestillingsafdelingen');
      expect(mail!.subject).toBe(`Login til indberetning af måltal og politik 2024 – ${kommune}`);
      expect(mail!.text).toContain(`Kære ${c.navn}`);
      expect(mail!.text).toContain(`Dit brugernavn er: ${c.email}`);
      expect(mail!.text).toContain('Linket virker i 14 dage og kan kun bruges én gang.');
      expect(mail!.text).toContain('Fristen for indberetningen er den 31. maj 2024.');
      expect(linkPath(mail!)).toMatch(/^\/adgang\/[A-Za-z0-9_-]{43}$/);
    }
    // A second run sends nothing: every contact already has its login.
    const again = await admin.request('POST', '/api/admin/rounds/2024/credentials/send');
    expect(again.body.issued).toEqual([]);
    expect(again.body.delivery.sent).toBe(0);
    expect(smtp.received).toHaveLength(3);
  });

  it('lets the mailed link set a password once, and that password logs in', async () => {
    const c = contactFor(registry, '0101');
    const path = linkPath(byRecipient(c.email)[0]!);
    const { client, page, res } = await choosePassword(server, path, NEW_PASSWORD);
    expect(page.status).toBe(200);
    expect(page.text).toContain(c.email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const me = await client.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: c.email, role: 'respondent', organisation: { code: '0101' } });

    const fresh = server.client();
    expect((await fresh.login(c.email, NEW_PASSWORD)).status).toBe(200);
    expect((await fresh.request('GET', '/api/rounds/2024/forms/maaltal/submission')).status).toBe(200);
    // Used up: the link neither opens nor sets anything again.
    expect((await server.client().request('GET', path)).status).toBe(410);
    expect((await choosePassword(server, path, 'en helt anden adgangskode')).page.status).toBe(410);
    expect((await server.client().login(c.email, 'en helt anden adgangskode')).status).toBe(401);
  });

  it('refuses a short password or two that differ, in Danish, and keeps the link', async () => {
    const path = linkPath(byRecipient(contactFor(registry, '0751').email)[0]!);
    const short = await choosePassword(server, path, 'kort');
    expect(short.res.status).toBe(400);
    expect(short.res.text).toContain('mindst 12 tegn');
    const differ = await choosePassword(server, path, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(differ.res.status).toBe(400);
    expect(differ.res.text).toContain('De to adgangskoder er ikke ens.');
    expect((await server.client().request('GET', path)).status).toBe(200);
  });

  it('replaces a login on resend: the old link stops working, the new one arrives', async () => {
    const c = contactFor(registry, '0147');
    const old = linkPath(byRecipient(c.email)[0]!);
    const r = await admin.request('POST', '/api/admin/rounds/2024/credentials/0147/resend');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.delivery.sent).toBe(1);
    const mails = byRecipient(c.email);
    expect(mails).toHaveLength(2);
    const fresh = linkPath(mails[1]!);
    expect(fresh).not.toBe(old);
    expect((await server.client().request('GET', old)).status).toBe(410);
    expect((await choosePassword(server, fresh, NEW_PASSWORD)).res.status).toBe(303);
    expect((await server.client().login(c.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('closes the old contact\'s login when the contact changes, and sends the new contact its own', async () => {
    const before = contactFor(registry, '0101');
    const logged = server.client();
    expect((await logged.login(before.email, NEW_PASSWORD)).status).toBe(200);
    const next = contactFor(registry, '0101', '-ny');
    const put = await admin.request('PUT', '/api/admin/rounds/2024/contacts/0101', { json: { navn: next.navn, email: next.email, regionskode: next.regionskode } });
    expect(put.status).toBe(200);
    expect(put.body.saved).toMatchObject({ emailChanged: true, closedCredentialId: expect.any(String) });
    // The old password and the old session stop working at once.
    expect((await logged.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await server.client().login(before.email, NEW_PASSWORD)).status).toBe(401);
    const sent = await admin.request('POST', '/api/admin/rounds/2024/credentials/send');
    expect(sent.body.issued).toEqual(['0101']);
    expect(byRecipient(next.email)).toHaveLength(1);
    expect(byRecipient(before.email)).toHaveLength(1);
    expect((await choosePassword(server, linkPath(byRecipient(next.email)[0]!), NEW_PASSWORD)).res.status).toBe(303);
    expect((await server.client().login(next.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('revokes a login: its link stops working and bulk sends leave it alone', async () => {
    const c = contactFor(registry, '0751');
    const path = linkPath(byRecipient(c.email)[0]!);
    expect((await admin.request('POST', '/api/admin/rounds/2024/credentials/0751/revoke')).status).toBe(200);
    expect((await server.client().request('GET', path)).status).toBe(410);
    const sent = await admin.request('POST', '/api/admin/rounds/2024/credentials/send');
    expect(sent.body.skipped).toContainEqual({ code: '0751', reason: 'tilbagekaldt' });
    expect(byRecipient(c.email)).toHaveLength(1);
  });

  it('lets a link expire 14 days after it was sent', async () => {
    const c = contactFor(registry, '0147');
    expect((await admin.request('POST', '/api/admin/rounds/2024/credentials/0147/resend')).status).toBe(200);
    const path = linkPath(byRecipient(c.email).at(-1)!);
    clock.advance(14 * 24 * 60 * 60_000 - 60_000);
    expect((await server.client().request('GET', path)).status).toBe(200);
    clock.advance(2 * 60_000);
    const expired = await server.client().request('GET', path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Linket er udløbet.');
    const late = server.client();
    const csrf = await late.fetchCsrf();
    const form = new URLSearchParams({ _csrf: csrf, password: NEW_PASSWORD, repeat: NEW_PASSWORD }).toString();
    expect((await late.request('POST', path, { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(410);
    clock.set('2024-03-15T10:00:00Z');
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });

  it('logs every send and keeps no link after sending it', async () => {
    const sent = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'mail.sent').execute();
    expect(sent).toHaveLength(smtp.received.length);
    expect(sent.map((s) => JSON.parse(s.data).recipient).sort()).toEqual(smtp.received.map((m) => m.envelopeTo[0]).sort());
    const rows = await t.db.selectFrom('mails').select(['body', 'secret', 'status', 'message_id']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.secret === null)).toBe(true);
    const listed = JSON.stringify((await admin.request('GET', '/api/admin/mails')).body);
    for (const m of smtp.received) {
      const token = linkPath(m).slice('/adgang/'.length);
      expect(rows.some((r) => r.body.includes(token))).toBe(false);
      expect(listed).not.toContain(token);
      expect(rows.map((r) => r.message_id)).toContain(m.messageId);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
