import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverMails, importContactFile, loadMailTemplates, queueReminders, type CredentialDeps } from '../../engine/contacts/index.ts';
import type { MailMessage, MailTransport, SendOutcome } from '../../engine/mail/index.ts';
import { startLoopbackSmtpServer, type LoopbackSmtpServer } from '../../engine/mail/loopback-smtp-server.ts';
import type { Registry } from '../../engine/index.ts';
import { verifyAuditChain, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, seedTestData, testRegistry } from '../helpers/index.ts';
import { contactFor, filledContactSheet } from './contact-sheet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The send job is killed while the server holds mail number KILL_AT + 1 unanswered. */
const KILL_AT = 40;

/** Runs the real CLI as its own process against the test database and the loopback server. */
function runCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> } {
  const child = spawn(process.execPath, ['bin/indberet.js', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

/** A transport that remembers what it was given and refuses everything after `acceptFirst` mails. */
function countingTransport(acceptFirst = Infinity): MailTransport & { keys: string[] } {
  const keys: string[] = [];
  return {
    kind: 'smtp',
    description: 'test',
    keys,
    async send(m: MailMessage): Promise<SendOutcome> {
      if (keys.length >= acceptFirst) return { ok: false, permanent: false, error: '421 prøv igen senere' };
      keys.push(m.key);
      return { ok: true, response: '250 ok' };
    },
    async close() {},
  };
}

forEachDialect('send job', (t) => {
  let registry: Registry;
  let deps: WorkflowDeps;
  let smtp: LoopbackSmtpServer | undefined;
  const emails = () => Object.keys(registry.round('2024')!.tables.kommuner!).map((k) => contactFor(registry, k).email).sort();

  beforeAll(async () => {
    registry = await testRegistry();
    const clock = createTestClock('2024-03-15T08:00:00Z');
    deps = { db: t.db, registry, clock: clock.now };
    await seedTestData(deps);
    const r = await importContactFile(deps, { roundId: '2024', filename: 'k.xlsx', bytes: await filledContactSheet(registry), onlyValid: false, actorId: null });
    if ('ok' in r || r.imported !== 98) throw new Error('import failed');
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('killed with SIGKILL halfway and rerun, delivers each of the 98 credential mails exactly once', async () => {
    let running: ChildProcess | undefined;
    let killed: Promise<unknown> = Promise.resolve();
    smtp = await startLoopbackSmtpServer({
      beforeAccept: async (_mail, index) => {
        if (index !== KILL_AT || !running) return true;
        // The job is inside its mail number 41: the server has the data but has not said 250.
        running.kill('SIGKILL');
        await killed;
        return false;
      },
    });
    const env = {
      SMTP_URL: smtp.url,
      INDBERET_PUBLIC_URL: 'https://indberet.example',
      DATABASE_URL: t.handle.options.url ?? '',
      INDBERET_DATA_DIR: t.handle.options.dataDir ?? '',
    };
    const first = runCli(['credentials', 'send', '--round', '2024'], env);
    running = first.child;
    killed = first.done;
    const crashed = await first.done;
    expect(crashed.signal, crashed.out).toBe('SIGKILL');
    expect(smtp.received).toHaveLength(KILL_AT);
    const states = await t.db.selectFrom('mails').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({ sent: KILL_AT, sending: 1, pending: 98 - KILL_AT - 1 });

    running = undefined;
    const rerun = await runCli(['credentials', 'send', '--round', '2024'], env).done;
    expect(rerun.code, rerun.out).toBe(0);
    expect(rerun.out).toContain('0 nye logins oprettet, 98 kommuner havde allerede et.');
    expect(rerun.out).toContain(`${98 - KILL_AT} mails sendt`);

    const recipients = smtp.received.map((m) => m.envelopeTo.join(','));
    expect(recipients).toHaveLength(98);
    expect(new Set(recipients).size).toBe(98);
    expect([...recipients].sort()).toEqual(emails());
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(98);
    const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'mail.sent').executeTakeFirst();
    expect(Number(audit?.n)).toBe(98);
    const interrupted = await t.db.selectFrom('mails').select('attempts').where('attempts', '>', 1).execute();
    expect(interrupted.map((m) => m.attempts)).toEqual([2]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('after a transport that fails halfway, a rerun sends each reminder exactly once', async () => {
    const templates = await loadMailTemplates(path.join(ROOT, 'schemas', '2024'));
    if ('ok' in templates) throw new Error(templates.code);
    const cd: CredentialDeps = { ...deps, templates, publicUrl: 'https://indberet.example', linkDays: 14 };
    const queued = await queueReminders(cd, { roundId: '2024', batch: 'halvvejs', actorId: null });
    if (!queued.ok) throw new Error(queued.code);
    expect(queued.queued).toHaveLength(98);
    const failing = countingTransport(30);
    const first = await deliverMails({ ...deps, transport: failing }, { kinds: ['reminder'] });
    expect(first).toMatchObject({ sent: 30, retrying: 68, failed: 0 });
    const good = countingTransport();
    const second = await deliverMails({ ...deps, transport: good }, { kinds: ['reminder'] });
    expect(second).toMatchObject({ sent: 68, retrying: 0 });
    const all = [...failing.keys, ...good.keys];
    expect(all).toHaveLength(98);
    expect(new Set(all).size).toBe(98);
    // Queued again for the same batch: nothing new to send.
    const again = await queueReminders(cd, { roundId: '2024', batch: 'halvvejs', actorId: null });
    expect(again.ok && again.queued.length).toBe(0);
    expect((await deliverMails({ ...deps, transport: good }, { kinds: ['reminder'] })).total).toBe(0);
  });

  it('never sends a mail twice when two send jobs run at once', async () => {
    const templates = await loadMailTemplates(path.join(ROOT, 'schemas', '2024'));
    if ('ok' in templates) throw new Error(templates.code);
    const cd: CredentialDeps = { ...deps, templates, publicUrl: 'https://indberet.example', linkDays: 14 };
    await queueReminders(cd, { roundId: '2024', batch: 'samtidig', actorId: null });
    const a = countingTransport();
    const b = countingTransport();
    const [ra, rb] = await Promise.all([deliverMails({ ...deps, transport: a }, { kinds: ['reminder'] }), deliverMails({ ...deps, transport: b }, { kinds: ['reminder'] })]);
    expect(ra.sent + rb.sent).toBe(98);
    expect(new Set([...a.keys, ...b.keys]).size).toBe(98);
    expect(a.keys.length + b.keys.length).toBe(98);
  });

  it('leaves a mail held by a job on another machine alone until its lease ends', async () => {
    const templates = await loadMailTemplates(path.join(ROOT, 'schemas', '2024'));
    if ('ok' in templates) throw new Error(templates.code);
    const clock = createTestClock('2024-03-20T08:00:00Z');
    const cd: CredentialDeps = { ...deps, clock: clock.now, templates, publicUrl: 'https://indberet.example', linkDays: 14 };
    await queueReminders(cd, { roundId: '2024', batch: 'lease', actorId: null });
    const one = await t.db.selectFrom('mails').select('id').where('idempotency_key', 'like', 'reminder:2024:%:lease').orderBy('id').executeTakeFirstOrThrow();
    await t.db
      .updateTable('mails')
      .set({ status: 'sending', claimed_by: 'en-anden-maskine:4242:abc', claimed_at: clock.now().toISOString() })
      .where('id', '=', one.id)
      .execute();
    const transport = countingTransport();
    const held = await deliverMails({ ...deps, clock: clock.now, transport }, { mailIds: [one.id] });
    expect(held).toMatchObject({ total: 0, inProgress: 1 });
    clock.advance(5 * 60_000);
    const taken = await deliverMails({ ...deps, clock: clock.now, transport }, { mailIds: [one.id] });
    expect(taken).toMatchObject({ total: 1, sent: 1 });
  });
});
