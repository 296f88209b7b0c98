import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { multipartFiles, multipartForm, multipartProblem, type MultipartLimits, type MultipartProblem } from '../../server/multipart-form.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, seedTestData, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';
import { filledContactSheet, rowOf } from '../contacts/contact-sheet.ts';

/** A body exactly as the platform's FormData encodes it (the same encoder browsers follow). */
async function encode(form: FormData): Promise<{ bytes: Buffer; type: string }> {
  const r = new Response(form);
  return { bytes: Buffer.from(await r.arrayBuffer()), type: r.headers.get('content-type')! };
}

// What every encoder does to a lone surrogate.
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** Runs the middleware on one body, as the app mounts it, and reports what the route would see. */
async function parse(bytes: Buffer, type: string, limits: MultipartLimits = { fileSize: 1024, fields: 10, fieldSize: 1024 }) {
  const app = express();
  app.post('/', multipartForm(limits), (req, res) => {
    const files = Object.fromEntries(Object.entries(multipartFiles(req)).map(([k, f]) => [k, { filename: f.filename, type: f.type, data: [...f.data] }]));
    res.json({ fields: { ...(req.body as Record<string, string>) }, files, problem: multipartProblem(req) ?? null });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': type } });
    return (await r.json()) as {
      fields: Record<string, string>;
      files: Record<string, { filename: string; type: string; data: number[] }>;
      problem: MultipartProblem | null;
    };
  } finally {
    server.close();
  }
}

describe('multipartForm (busboy)', () => {
  it('reads what FormData sends: fields, files, names with quotes and non-ASCII, binary content', async () => {
    const form = new FormData();
    form.append('_csrf', 'token-1');
    form.append('note', 'line 1\r\n--not a boundary\r\nlæs "mig"');
    form.append('fil', new Blob([Buffer.from([0, 13, 10, 45, 45, 255])], { type: 'text/csv' }), 'C:\\mappe\\kontakt "liste" æøå.csv');
    form.append('note', 'second value is ignored');
    const { bytes, type } = await encode(form);
    const r = await parse(bytes, type);
    expect(r.problem).toBeNull();
    expect(r.fields).toEqual({ _csrf: 'token-1', note: 'line 1\r\n--not a boundary\r\nlæs "mig"' });
    expect(r.files.fil).toEqual({ filename: 'kontakt "liste" æøå.csv', type: 'text/csv', data: [0, 13, 10, 45, 45, 255] });
  });

  it('round-trips any fields and file content', async () => {
    await fc.assert(
      fc.asyncProperty(
        // busboy reads a backslash in a quoted name as an escape (RFC 7578's quoted-string), which
        // browsers do not write; the service's forms name their fields without one.
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !k.includes('\u0000') && !k.includes('\\')), fc.string({ maxLength: 40 }), { maxKeys: 4, noNullPrototype: true }),
        fc.uint8Array({ maxLength: 300 }),
        async (fields, content) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(fields)) form.append(k, v);
          form.append('upload', new Blob([new Uint8Array(content)]), 'f.bin');
          const { bytes, type } = await encode(form);
          const r = await parse(bytes, type);
          expect(r.problem).toBeNull();
          // Lone surrogates become U+FFFD on the way, as in every browser.
          expect(r.fields).toEqual(Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'upload').map(([k, v]) => [wellFormed(k), wellFormed(v).replace(/\r?\n|\r/g, '\r\n')])));
          expect(r.files.upload!.data).toEqual([...content]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('treats an empty file input as no file and accepts a preamble and RFC 5987 names', async () => {
    const type = 'multipart/form-data; boundary="b-1"';
    const empty = await parse(
      Buffer.from('ignored preamble\r\n--b-1\r\nContent-Disposition: form-data; name="fil"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--b-1--\r\n'),
      type,
    );
    expect(empty).toMatchObject({ files: {}, problem: null });
    const named = await parse(Buffer.from("--b-1\r\nContent-Disposition: form-data; name=\"doc\"; filename*=UTF-8''s%C3%A6t.csv\r\n\r\nx\r\n--b-1--\r\nepilogue"), type);
    expect(Object.keys(named.files)).toEqual(['doc']);
    expect(named.files.doc!.filename).toBe('sæt.csv');
  });

  it('refuses a file past the size limit, too many parts and a broken body with a Danish reason, keeping no file', async () => {
    const big = new FormData();
    big.append('_csrf', 't');
    big.append('fil', new Blob([new Uint8Array(1025)]), 'stor.xlsx');
    const tooBig = await parse(...Object.values(await encode(big)) as [Buffer, string]);
    expect(tooBig.problem).toEqual({ status: 413, message: expect.stringContaining('Filen er for stor') });
    expect(tooBig.files).toEqual({});
    expect(tooBig.fields._csrf).toBe('t');

    const two = new FormData();
    two.append('a', new Blob(['1']), 'a.csv');
    two.append('b', new Blob(['2']), 'b.csv');
    expect((await parse(...Object.values(await encode(two)) as [Buffer, string])).problem).toEqual({ status: 413, message: expect.stringContaining('for mange') });

    const many = new FormData();
    for (let i = 0; i < 11; i++) many.append(`f${i}`, 'v');
    expect((await parse(...Object.values(await encode(many)) as [Buffer, string])).problem?.status).toBe(413);

    const unterminated = await parse(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever ends'), 'multipart/form-data; boundary=b');
    expect(unterminated.problem).toEqual({ status: 400, message: expect.stringContaining('kunne ikke læses') });
    expect((await parse(Buffer.from('x'), 'multipart/form-data')).problem?.status).toBe(400);
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
    // Cut off before the token is whole: the token cannot be read, so the security check refuses it.
    const cutEarly = await admin.request('POST', '/admin/runde/2024/kontakter/upload', {
      raw: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}`,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      noCsrf: true,
    });
    expect(cutEarly.status).toBe(403);
    // Cut off inside the file: a Danish page, and nothing of the file is used.
    const broken = await admin.request('POST', '/admin/runde/2024/kontakter/upload', {
      raw: `--b\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--b\r\nContent-Disposition: form-data; name="fil"; filename="k.xlsx"\r\n\r\n${bytes.subarray(0, 500).toString('latin1')}`,
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      noCsrf: true,
    });
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('Forsendelsen kunne ikke læses');
    const tooBig = await upload({ _csrf: admin.csrf! }, { name: 'stor.xlsx', bytes: Buffer.concat([bytes, Buffer.alloc(5 * 1024 * 1024)]) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain('Filen er for stor. Den må højst fylde 5 MB.');
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
