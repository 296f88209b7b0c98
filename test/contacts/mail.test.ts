import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMailTemplates } from '../../engine/contacts/index.ts';
import { createMailTransport, listOutbox, outboxFileName, parseRawMail, type MailMessage } from '../../engine/mail/index.ts';
import { startLoopbackSmtpServer } from '../../engine/mail/loopback-smtp-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const message: MailMessage = {
  key: 'credentials:2024:0101:abc',
  from: { name: 'Ligestillingsafdelingen', address: 'lige@lige.dk' },
  to: { name: 'Åse Ærø\r\nBcc: ond@example.dk', address: 'aase@kk.dk' },
  subject: 'Login – København\r\nBcc: ond@example.dk',
  text: `Kære Åse\n\nLinket: https://indberet.example/adgang/abc_DEF-123\n${'æøå '.repeat(40)}\n`,
  messageId: '<abc@lige.dk>',
};

describe('mail transports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-mail-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends over SMTP to exactly the recipient, with no header smuggled in through a name or subject', async () => {
    const smtp = await startLoopbackSmtpServer();
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: dir });
    try {
      expect(transport.kind).toBe('smtp');
      expect(await transport.send(message)).toMatchObject({ ok: true });
      const [got] = smtp.received;
      expect(got!.envelopeTo).toEqual(['aase@kk.dk']);
      expect(got!.headers.has('bcc')).toBe(false);
      expect(got!.subject).toBe('Login – København Bcc: ond@example.dk');
      expect(got!.text).toBe(message.text);
      expect(got!.messageId).toBe('<abc@lige.dk>');
      expect(got!.headers.get('auto-submitted')).toBe('auto-generated');
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('reports a refused mail as data: 5xx for good, others to try again', async () => {
    const smtp = await startLoopbackSmtpServer({ beforeAccept: () => false });
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: dir });
    try {
      const r = await transport.send(message);
      expect(r).toMatchObject({ ok: false, permanent: false });
    } finally {
      await smtp.close();
    }
  });

  it('writes each mail to the outbox once, named by its key, readable again', async () => {
    const transport = createMailTransport({ outboxDir: dir });
    expect(transport.kind).toBe('outbox');
    expect(await transport.send(message)).toMatchObject({ ok: true });
    expect(await transport.send({ ...message, text: 'en anden tekst' })).toMatchObject({ ok: true });
    expect(await readdir(dir)).toEqual([outboxFileName(message.key)]);
    const [file] = await listOutbox(dir);
    expect(file).toMatchObject({ name: 'credentials-2024-0101-abc.eml', subject: 'Login – København Bcc: ond@example.dk' });
    expect(file!.to).toContain('aase@kk.dk');
  });
});

describe('mail templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-tpl-'));
    await mkdir(path.join(dir, 'mails'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the 2024 round\'s templates in Danish, without HTML escaping', async () => {
    const t = await loadMailTemplates(path.join(ROOT, 'schemas', '2024'));
    if ('ok' in t) throw new Error(`${t.code} ${JSON.stringify(t.params)}`);
    const m = t.credentials({
      respondent: 'Lyngby-Taarbæk',
      modtager: 'Bo & Åse <sekretariat>',
      brugernavn: 'bo@ltk.dk',
      link: 'https://x/adgang/abc',
      gyldigDage: 14,
      runde: { id: '2024', titel: 'T', aar: 2024 },
      frist: '2024-05-31',
      afsender: { navn: 'Ligestillingsafdelingen', email: 'lige@lige.dk' },
      adresse: 'https://x',
    });
    expect(m.subject).toBe('Login til indberetning af måltal og politik 2024 – Lyngby-Taarbæk');
    expect(m.text).toContain('Kære Bo & Åse <sekretariat>');
    expect(m.text).toContain('Fristen for indberetningen er den 31. maj 2024.');
    const noDeadline = t.credentials({ ...{ respondent: 'K', modtager: 'M', brugernavn: 'b', link: 'l', gyldigDage: 3, runde: { id: '2024', titel: 'T', aar: 2024 }, afsender: { navn: 'A', email: 'a@b.dk' }, adresse: 'x' }, frist: null });
    expect(noDeadline.text).not.toContain('Fristen');
  });

  it('fails at load, naming the file, for a misspelt name or a missing subject line', async () => {
    await writeFile(path.join(dir, 'mails', 'adgang.hbs'), 'Emne: Hej {{respondent}}\n\nKære {{modtagr}}\n');
    await writeFile(path.join(dir, 'mails', 'paamindelse.hbs'), 'Emne: P\n\nTekst\n');
    const misspelt = await loadMailTemplates(dir);
    expect(misspelt).toMatchObject({ ok: false, code: 'MAIL_TEMPLATE_INVALID' });
    expect((misspelt as unknown as { params: { file: string; reason: string } }).params.file).toContain('adgang.hbs');
    expect((misspelt as unknown as { params: { reason: string } }).params.reason).toContain('modtagr');
    await writeFile(path.join(dir, 'mails', 'adgang.hbs'), 'Hej {{respondent}}\n');
    expect(await loadMailTemplates(dir)).toMatchObject({ ok: false, code: 'MAIL_TEMPLATE_INVALID' });
  });

  it('reads back quoted-printable bodies and encoded subjects', () => {
    const raw = 'Subject: =?UTF-8?Q?P=C3=A5mindelse?= =?UTF-8?B?IOKAkyBLw7hnZQ==?=\nContent-Transfer-Encoding: quoted-printable\n\nK=C3=A6re =\nBo\n';
    const m = parseRawMail(raw);
    expect(m.subject).toBe('Påmindelse – Køge');
    expect(m.text).toBe('Kære Bo\n');
  });
});
