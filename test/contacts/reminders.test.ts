import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listBoard } from '../../engine/contacts/index.ts';
import { parseRawMail } from '../../engine/mail/index.ts';
import type { Registry } from '../../engine/index.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';
import { seedBoardStates } from './board-fixture.ts';
import { contactFor } from './contact-sheet.ts';

forEachDialect('reminders', (t) => {
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;
  let dataDir: string;
  const clock = createTestClock('2024-05-20T07:00:00Z');

  beforeAll(async () => {
    registry = await testRegistry();
    const deps = { db: t.db, registry, clock: clock.now };
    const personas = await seedTestData(deps);
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-data-'));
    await seedBoardStates(deps, personas, path.join(dataDir, 'udbakke-logins'));
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { dataDir } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const outbox = async () => {
    const dir = path.join(dataDir, 'udbakke');
    const names = await readdir(dir).catch(() => [] as string[]);
    return Promise.all(names.map(async (n) => parseRawMail(await readFile(path.join(dir, n), 'utf8'))));
  };

  it('reminds every municipality with a contact that has not submitted, from the round\'s template, once a day', async () => {
    const r = await admin.request('POST', '/api/admin/rounds/2024/reminders');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // 0101 submitted; 0147 (reopened, its contact from its report), 0151 has no contact; 0153, 0155, 0157, 0159 have.
    expect(r.body).toMatchObject({ formName: 'maaltal', batch: '2024-05-20', submitted: 1, already: [] });
    expect(r.body.queued).toEqual(['0147', '0153', '0155', '0157', '0159']);
    expect(r.body.noContact).toHaveLength(98 - 1 - 5);
    expect(r.body.delivery).toMatchObject({ sent: 5, failed: 0 });
    const mails = await outbox();
    expect(mails).toHaveLength(5);
    const brondby = mails.find((m) => m.to.includes(contactFor(registry, '0153').email))!;
    expect(brondby.subject).toBe('Påmindelse: Indberetning af måltal og politik – Brøndby');
    expect(brondby.text).toContain('Brøndby har endnu ikke indsendt: Indberetning af måltal og politik. Indberetningen er ikke påbegyndt.');
    expect(brondby.text).toContain('Fristen er den 31. maj 2024.');
    const reopened = mails.find((m) => m.text.includes('Frederiksberg'))!;
    expect(reopened.text).toContain('Indberetningen er genåbnet.');

    const again = await admin.request('POST', '/api/admin/rounds/2024/reminders');
    expect(again.body.queued).toEqual([]);
    expect(again.body.already).toHaveLength(5);
    expect(again.body.delivery.sent).toBe(0);
    expect(await outbox()).toHaveLength(5);
  });

  it('counts the reminders on the board, and the page button sends the next day\'s', async () => {
    const rows = await listBoard(t.db, registry.round('2024')!, clock.now());
    expect(rows.find((r) => r.code === '0153')!.reminders.count).toBe(1);
    clock.advance(24 * 60 * 60_000);
    // A day later the session has ended: log in again, as the ministry would.
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
    const form = new URLSearchParams({ _csrf: admin.csrf! }).toString();
    const r = await admin.request('POST', '/admin/runde/2024/paamindelser', { raw: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toContain('besked=paamindelser');
    expect(r.headers.get('location')).toContain('sendt=5');
    expect(await outbox()).toHaveLength(10);
    const page = await admin.request('GET', r.headers.get('location')!);
    expect(page.text).toContain('5 påmindelser oprettet, 5 mails sendt');
  });
});
