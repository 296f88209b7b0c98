import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { parseMultipart } from '../../server/parse-multipart.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';
import { filledContactSheet, rowOf } from '../contacts/contact-sheet.ts';

/** A body exactly as the platform's FormData encodes it (the same encoder browsers follow). */
async function encode(form: FormData): Promise<{ bytes: Buffer; type: string }> {
  const r = new Response(form);
  return { bytes: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

// What every encoder does to a lone surrogate.
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe('parseMultipart', () => {
  it('reads what FormData sends: fields, files, names with quotes and non-ASCII, binary content', async () => {
    const form = new FormData();
    form.append('_csrf', 'token-1');
    form.append('note', 'line 1\r\n--not a boundary\r\nlæs "mig"');
    form.append('fil', new Blob([Buffer.from([0, 13, 10, 45, 45, 255])], { type: 'text/csv' }), 'C:\\mappe\\kontakt "liste" æøå.csv');
    form.append('note', 'second value is ignored');
    const { bytes, type } = await encode(form);
    const r = parseMultipart(bytes, type);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect({ ...r.fields }).toEqual({ _csrf: 'token-1', note: 'line 1\r\n--not a boundary\r\nlæs "mig"' });
    expect(r.files.fil!.filename).toBe('kontakt "liste" æøå.csv');
    expect(r.files.fil!.type).toBe('text/csv');
    expect([...r.files.fil!.data]).toEqual([0, 13, 10, 45, 45, 255]);
  });

  it('round-trips any fields and file content', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.includes('\u0000')), fc.string({ maxLength: 40 }), { maxKeys: 4, noNullPrototype: true }),
        fc.uint8Array({ maxLength: 300 }),
        async (fields, content) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          form.append('upload', new Blob([content]), 'f.bin');
          const { bytes, type } = await encode(form);
          const r = parseMultipart(bytes, type);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          // Lone surrogates become U+FFFD on the way, as in every browser.
          expect({ ...r.fields }).toEqual(Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'upload').map(([k, v]) => [wellFormed(k), wellFormed(v).replace(/\r?\n|\r/g, '\r\n')])));
          expect(new Uint8Array(r.files.upload!.data)).toEqual(content);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('treats an empty file input as no file and accepts a preamble and RFC 5987 names', () => {
    const type = 'multipart/form-data; boundary="b-1"';
    const body = Buffer.from(
      'ignored preamble\r\n--b-1\r\nContent-Disposition: form-data; name="fil"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n' +
        "--b-1\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"plain.csv\"; filename*=UTF-8''s%C3%A6t.csv\r\n\r\nx\r\n--b-1--\r\nepilogue",
    );
    const r = parseMultipart(body, type);
    expect(r.ok && Object.keys(r.files)).toEqual(['doc']);
    expect(r.ok && r.files.doc!.filename).toBe('sæt.csv');
  });

  it('refuses what does not follow the format, saying why', () => {
    const part = (headers: string) => Buffer.from(`--b\r\n${headers}\r\n\r\nv\r\n--b--\r\n`);
    expect(parseMultipart(part('Content-Disposition: form-data; name="a"'), 'multipart/form-data')).toEqual({ ok: false, reason: 'no boundary' });
    expect(parseMultipart(Buffer.from('no delimiter here'), 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'no delimiter' });
    expect(parseMultipart(part('Content-Disposition: attachment; name="a"'), 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'part without form-data disposition' });
    expect(parseMultipart(part('Content-Disposition: form-data'), 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'part without a name' });
    expect(parseMultipart(part('Broken header line'), 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'malformed part header' });
    expect(parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever ends'), 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'unterminated part' });
    const many = Buffer.from(`${'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n'.repeat(21)}--b--`);
    expect(parseMultipart(many, 'multipart/form-data; boundary=b')).toEqual({ ok: false, reason: 'too many parts' });
  });
});

forEachDialect('uploading the contact list without JavaScript', (t) => {
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;
  let dataDir: string;
  const clock = createTestClock('2024-02-01T09:00:00Z');

  beforeAll(async () => {
    registry = await testRegistry();
    await seedTestData({ db: t.db, registry, clock: clock.now });
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-data-'));
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { dataDir } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = async (fields: Record<string, string>, file?: { name: string; bytes: Buffer }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('fil', new Blob([new Uint8Array(file.bytes)]), file.name);
    const { bytes, type } = await encode(form);
    // As a browser posts a form: the token in the body, no header.
    return admin.request('POST', '/admin/runde/2024/kontakter/upload', { raw: new Uint8Array(bytes), headers: { 'content-type': type }, noCsrf: true });
  };
  const imports = async () => Number((await t.db.selectFrom('contact_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);

  it('takes the file and the token from the multipart body and opens the import\'s result', async () => {
    const bytes = await filledContactSheet(registry, (sheet) => {
      sheet.getRow(rowOf(sheet, '0161')).getCell('E').value = 'ikke en e-mail';
    });
    const before = await imports();
    const r = await upload({ _csrf: admin.csrf!, kunGyldige: '1' }, { name: 'kontakter.xlsx', bytes });
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/runde\/2024\/kontakter\/import\/[^/]+$/);
    expect(await imports()).toBe(before + 1);
    const page = await admin.request('GET', location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('97');
    const row = await t.db.selectFrom('contact_imports').selectAll().where('id', '=', decodeURIComponent(location.split('/').pop()!)).executeTakeFirstOrThrow();
    expect(row.filename).toBe('kontakter.xlsx');
  });

  it('refuses without the token, with another token, without a file and with a broken body, and stores nothing', async () => {
    const bytes = await filledContactSheet(registry);
    const before = await imports();
    expect((await upload({}, { name: 'k.xlsx', bytes })).status).toBe(403);
    expect((await upload({ _csrf: 'x'.repeat(43) }, { name: 'k.xlsx', bytes })).status).toBe(403);
    const none = await upload({ _csrf: admin.csrf! });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Vælg den udfyldte kontaktliste');
    const broken = await admin.request('POST', '/admin/runde/2024/kontakter/upload', {
      raw: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}`,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      noCsrf: true,
    });
    expect(broken.status).toBe(400);
    const unreadable = await upload({ _csrf: admin.csrf! }, { name: 'k.xlsx', bytes: Buffer.from('not a spreadsheet') });
    expect(unreadable.status).toBe(422);
    expect(unreadable.text).toContain('kan ikke læses');
    expect(await imports()).toBe(before);
  });

  it('reads multipart nowhere else: another form posted that way fails the security check', async () => {
    const form = new FormData();
    form.append('_csrf', admin.csrf!);
    const { bytes, type } = await encode(form);
    const r = await admin.request('POST', '/admin/runde/2024/respondent/0101/kontakt', { raw: new Uint8Array(bytes), headers: { 'content-type': type }, noCsrf: true });
    expect(r.status).toBe(403);
  });
});
