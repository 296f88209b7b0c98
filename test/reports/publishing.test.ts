import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { grantExtension, saveDraft, submit } from '../../engine/workflows/index.ts';
import { createDatabase } from '../../engine/db/index.ts';
import { createFilePublicationStore, storedTables } from '../../reports/index.ts';
import { TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';
import { createTestClock } from '../helpers/test-clock.ts';
import { forEachDialect } from '../helpers/test-database.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { PASSWORD, PERSONAS, seedTestData, startTestServer, type TestServer } from '../helpers/test-server.ts';
import type { TestClient } from '../helpers/test-client.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

// The 2024 report spec's documents: the memo `notat`, the table `tabel` and the respondent page `kommune`.
const PUBLIC = [
  '/offentlig/2024',
  '/offentlig/2024/notat',
  '/offentlig/2024/notat.pdf',
  '/offentlig/2024/tabel',
  '/offentlig/2024/tabel.csv',
  '/offentlig/2024/tabel.xlsx',
  '/offentlig/2024/tabel.json',
  '/offentlig/2024/tabel-dataordbog.csv',
  '/offentlig/2024/kommune/0147',
];
const PREVIEW = ['/rapporter/2024', '/rapporter/2024/notat', '/rapporter/2024/tabel', '/rapporter/2024/kommune/0147'];

forEachDialect('publishing the memo and the table', (t) => {
  const clock = createTestClock('2024-05-20T10:00:00Z');
  let server: TestServer;
  let dataDir: string;
  let ids: Awaited<ReturnType<typeof seedTestData>>;
  let registry: Awaited<ReturnType<typeof testRegistry>>;
  const as = async (who: keyof typeof PERSONAS | 'anonymous'): Promise<TestClient> => {
    const c = server.client();
    if (who !== 'anonymous') expect((await c.login(PERSONAS[who].email, PASSWORD)).status).toBe(200);
    return c;
  };

  beforeAll(async () => {
    registry = await testRegistry();
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-offentlig-'));
    ids = await seedTestData({ db: t.db, registry, clock: clock.now });
    // The ten hand-written municipalities report through the same workflows a browser uses.
    const wf = { db: t.db, registry, clock: clock.now };
    const actor = { id: ids.analyst, role: 'analyst' as const, organisationId: null };
    for (const [kommunekode, answers] of Object.entries(TEN_RAW)) {
      const org = await t.db.selectFrom('organisations').select('id').where('code', '=', kommunekode).executeTakeFirstOrThrow();
      const full = { kommunekode, ...answers, kontakt: { navn: 'Kontakt Person', email: 'kontakt@example.dk' } };
      const draft = await saveDraft(wf, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, answers: full, ifMatch: 0 });
      expect(draft.ok && draft.issues, kommunekode).toEqual([]);
      expect((await submit(wf, { actor, roundId: '2024', formName: 'maaltal', organisationId: org.id, ifMatch: 1 })).ok, kommunekode).toBe(true);
    }
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { dataDir } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows nothing under /offentlig before publishing, to anyone', async () => {
    for (const who of ['anonymous', 'respondentA', 'analyst', 'admin'] as const) {
      const c = await as(who);
      for (const p of PUBLIC) expect((await c.request('GET', p)).status, `${who} ${p}`).toBe(404);
    }
  });

  it('lets only analysts and the ministry preview, and only the ministry publish', async () => {
    const anonymous = await as('anonymous');
    const respondent = await as('respondentA');
    const analyst = await as('analyst');
    for (const p of PREVIEW) {
      expect((await anonymous.request('GET', p)).status, p).toBe(401);
      expect((await respondent.request('GET', p)).status, p).toBe(403);
      const r = await analyst.request('GET', p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    expect((await analyst.request('GET', '/rapporter/2024/notat')).text).toContain('<strong>10 af 98 kommuner</strong>');
    expect((await analyst.request('GET', '/rapporter/2024/kommune/0147')).text).toContain('<h1>Frederiksberg Kommune</h1>');
    // A document is reached only as its kind is: the respondent page with a code, the others without.
    for (const p of ['/rapporter/1999', '/rapporter/2024/findesikke', '/rapporter/2024/kommune', '/rapporter/2024/tabel/0147', '/rapporter/2024/kommune/9999']) {
      expect((await analyst.request('GET', p)).status, p).toBe(404);
    }
    await anonymous.fetchCsrf();
    expect((await anonymous.request('POST', '/rapporter/2024/offentliggoer')).status).toBe(401);
    expect((await respondent.request('POST', '/rapporter/2024/offentliggoer')).status).toBe(403);
    expect((await analyst.request('POST', '/rapporter/2024/offentliggoer')).status).toBe(403);
    const admin = await as('admin');
    expect((await admin.request('POST', '/rapporter/2024/offentliggoer', { noCsrf: true })).status).toBe(403);
  });

  it('refuses to publish before the round has closed, also while an extension runs', async () => {
    // Sessions expire when idle, so each step logs in after the clock has moved.
    clock.set('2024-05-31T21:59:00Z'); // 23:59 on the deadline day in Copenhagen
    let admin = await as('admin');
    const early = await admin.request('POST', '/rapporter/2024/offentliggoer');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'ROUND_NOT_CLOSED' });
    expect(early.body.message).toContain('1. juni 2024 kl. 00.00');
    const ext = await grantExtension(
      { db: t.db, registry: await testRegistry(), clock: clock.now },
      { roundId: '2024', formName: 'maaltal', code: '0151', until: '2024-06-10', actorId: ids.admin },
    );
    expect(ext.ok).toBe(true);
    clock.set('2024-06-05T12:00:00Z');
    admin = await as('admin');
    expect((await admin.request('POST', '/rapporter/2024/offentliggoer')).status).toBe(409);
    expect((await admin.request('GET', '/rapporter/2024')).text).toContain('Runden er åben');
    for (const p of PUBLIC) expect((await admin.request('GET', p)).status, p).toBe(404);
  });

  it('publishes after the round has closed, and the public reads the snapshot', async () => {
    clock.set('2024-06-15T08:00:00Z');
    const admin = await as('admin');
    const r = await admin.request('POST', '/rapporter/2024/offentliggoer', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(201);
    expect([...r.body.offentliggjort.files].sort()).toEqual(['notat.html', 'notat.pdf', 'tabel-dataordbog.csv', 'tabel.csv', 'tabel.json', 'tabel.xlsx']);

    const anon = await as('anonymous');
    const index = await anon.request('GET', '/offentlig/2024');
    expect(index.status).toBe(200);
    expect(index.text).toContain('href="/offentlig/2024/tabel.csv"');
    expect(index.text).toContain('href="/offentlig/2024/tabel-dataordbog.csv"');
    expect(index.text).toContain('href="/offentlig/2024/notat.pdf"');
    // The site's layout: skip link to the content, header with the round's service, footer.
    expect(index.text).toContain('<a class="skipnav" href="#main-content">Gå til sidens indhold</a>');
    expect(index.text).toContain('<main id="main-content"');
    expect(index.text).toContain('Ligestillingslovens § 11 og § 13');
    expect(index.text).toContain('href="/tilgaengelighed"');
    expect(index.text).not.toContain('&lt;a href');
    const preview = await admin.request('GET', '/rapporter/2024');
    expect(preview.text).toContain('<a class="skipnav" href="#main-content">Gå til sidens indhold</a>');
    const memo = await anon.request('GET', '/offentlig/2024/notat');
    expect(memo.text).toContain('<strong>10 af 98 kommuner</strong>');
    expect(memo.headers.get('cache-control')).toBe('public, max-age=300');
    const pdf = await fetch(`${server.url}/offentlig/2024/notat.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // Of the fixture's two municipalities in Region Sjælland, Køge (3 women, 3 men) is equal and
    // Roskilde (6 and 1) is not; the region's 15 others have not reported.
    const bodyRows = (page: string) => page.split('<tbody>')[1]!.split('</tbody>')[0]!.match(/<tr>.*<\/tr>/g) ?? [];
    const shownOf = (page: string) => Number(/Viser (\d+) af/.exec(page)![1]);
    const filtered = await anon.request('GET', '/offentlig/2024/tabel?regionskode=1085&status=ligelig&sorter=andelKvinder&retning=faldende');
    expect(filtered.status).toBe(200);
    expect(shownOf(filtered.text)).toBe(1);
    expect(bodyRows(filtered.text)).toHaveLength(1);
    expect(bodyRows(filtered.text)[0]).toContain('Køge');
    expect(filtered.text).toContain('<option value="1085" selected>Region Sjælland</option>');
    expect(filtered.text).toContain('<option value="ligelig" selected>Ligelig</option>');
    const sorted = await anon.request('GET', '/offentlig/2024/tabel?regionskode=1085&sorter=andelKvinder&retning=faldende');
    expect(shownOf(sorted.text)).toBe(17);
    const sortedRows = bodyRows(sorted.text);
    expect(sortedRows).toHaveLength(17);
    expect(sortedRows[0]).toContain('Roskilde');
    expect(sortedRows[0]).toContain('85,7');
    expect(sortedRows[1]).toContain('Køge');
    expect(sortedRows[1]).toContain('50,0');

    const csv = await anon.request('GET', '/offentlig/2024/tabel.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=tabel-2024.csv');
    const rows = parseDanishCsv(csv.text.startsWith('\uFEFF') ? csv.text : `\uFEFF${csv.text}`);
    const link = rows[0]!.indexOf('Link til indberetningen');
    const frb = rows.find((row) => row[0] === '0147')!;
    expect(frb[link]).toBe(`${server.url}/offentlig/2024/kommune/0147`);
    expect((await anon.request('GET', new URL(frb[link]!).pathname)).text).toContain('<h1>Frederiksberg Kommune</h1>');

    const xlsx = await fetch(`${server.url}/offentlig/2024/tabel.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.getWorksheet('Indberetninger')!.rowCount).toBe(rows.length);
    expect(wb.getWorksheet('Dataordbog')).toBeDefined();

    for (const p of [
      '/offentlig/2024/kommune/9999',
      '/offentlig/2024/kommune',
      '/offentlig/2024/tabel/0147',
      '/offentlig/2024/findesikke',
      '/offentlig/2024/dataordbog.csv',
      '/offentlig/2024/kommune.csv',
      '/offentlig/2024/hemmelig.txt',
      '/offentlig/2024/table.json',
      '/offentlig/..%2F..%2Fetc/notat',
      '/offentlig/1999',
    ]) {
      expect((await anon.request('GET', p)).status, p).toBe(404);
    }
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'round.published').execute();
    expect(audit).toEqual([{ action: 'round.published', actor_id: ids.admin }]);
  });

  it('publishes again from the status page form, and the snapshot changes only then', async () => {
    const before = (await server.client().request('GET', '/offentlig/2024/notat')).text;
    clock.set('2024-06-20T08:00:00Z');
    const admin = await as('admin');
    const status = await admin.request('GET', '/rapporter/2024');
    expect(status.text).toContain('Offentliggjort 15. juni 2024');
    const token = /name="_csrf" value="([^"]+)"/.exec(status.text)![1]!;
    const r = await admin.request('POST', '/rapporter/2024/offentliggoer', {
      raw: `_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      noCsrf: true,
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/rapporter/2024');
    const after = (await admin.request('GET', '/offentlig/2024/notat')).text;
    expect(after).not.toBe(before);
    expect(after).toContain('20. juni 2024');
  });

  /** Starts another instance over the same data (its own connection) with a data folder of its own. */
  const another = async (dir: string) => {
    const handle = createDatabase(t.handle.options);
    const other = await startTestServer({ db: handle.db, registry, clock: clock.now, config: { dataDir: dir } });
    return { other, close: async () => (await other.close(), await handle.destroy()) };
  };
  const served = async (url: string) => {
    const out: Record<string, string> = {};
    for (const p of PUBLIC) {
      const r = await fetch(`${url}${p}`);
      expect(r.status, p).toBe(200);
      // The memo's links and the CSV name the host they were published from, the same for both.
      out[p] = Buffer.from(await r.arrayBuffer()).toString('base64');
    }
    return out;
  };

  it('another instance, with a data folder of its own, serves the same publication from the database', async () => {
    expect(await readdir(dataDir)).not.toContain('offentlig');
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-offentlig-'));
    const { other, close } = await another(dir);
    try {
      expect(await served(other.url)).toEqual(await served(server.url));
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a publication an earlier version kept in the data folder is served and moved into the database', async () => {
    const before = await served(server.url);
    const row = await t.db.selectFrom('publications').selectAll().where('round_id', '=', '2024').executeTakeFirstOrThrow();
    const files = await t.db.selectFrom('publication_files').selectAll().where('round_id', '=', '2024').execute();
    const manifest = JSON.parse(row.manifest) as { generatedAt: string; publishedAt: string; publishedBy: string | null; roundHash: string };
    // As an earlier version left it: files in the folder, nothing in the database.
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-offentlig-'));
    await createFilePublicationStore(path.join(dir, 'offentlig')).save(
      {
        roundId: '2024',
        generatedAt: manifest.generatedAt,
        tables: storedTables(row.table_json),
        files: Object.fromEntries(files.map((f) => [f.name, Buffer.from(f.content_base64, 'base64')])),
      },
      { publishedAt: manifest.publishedAt, publishedBy: manifest.publishedBy, roundHash: manifest.roundHash },
    );
    await t.db.deleteFrom('publication_files').execute();
    await t.db.deleteFrom('publications').execute();
    const { other, close } = await another(dir);
    try {
      expect(await served(other.url)).toEqual(before);
      expect(await t.db.selectFrom('publication_files').select('name').where('round_id', '=', '2024').execute()).toHaveLength(files.length);
      // Once moved in, every instance serves it, also the one without the folder.
      expect(await served(server.url)).toEqual(before);
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a publication kept before tables were per document (one table.json table) still serves its files, not its table pages', async () => {
    const before = await served(server.url);
    const row = await t.db.selectFrom('publications').selectAll().where('round_id', '=', '2024').executeTakeFirstOrThrow();
    const files = await t.db.selectFrom('publication_files').selectAll().where('round_id', '=', '2024').execute();
    const manifest = JSON.parse(row.manifest) as { generatedAt: string; publishedAt: string; publishedBy: string | null; roundHash: string };
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-offentlig-'));
    await createFilePublicationStore(path.join(dir, 'offentlig')).save(
      { roundId: '2024', generatedAt: manifest.generatedAt, tables: {}, files: Object.fromEntries(files.map((f) => [f.name, Buffer.from(f.content_base64, 'base64')])) },
      { publishedAt: manifest.publishedAt, publishedBy: manifest.publishedBy, roundHash: manifest.roundHash },
    );
    // An earlier version wrote its one table itself, without naming the document it belongs to.
    const { tabel } = JSON.parse(row.table_json).tables as Record<string, { columns: unknown; rows: unknown }>;
    expect(tabel).toBeDefined();
    await writeFile(path.join(dir, 'offentlig', '2024', 'table.json'), JSON.stringify({ columns: tabel!.columns, rows: tabel!.rows }));
    await t.db.deleteFrom('publication_files').execute();
    await t.db.deleteFrom('publications').execute();
    const { other, close } = await another(dir);
    try {
      for (const p of PUBLIC.filter((p) => p !== '/offentlig/2024')) {
        const r = await fetch(`${other.url}${p}`);
        if (p === '/offentlig/2024/tabel' || p.startsWith('/offentlig/2024/kommune/')) expect(r.status, p).toBe(404);
        else {
          expect(r.status, p).toBe(200);
          expect(Buffer.from(await r.arrayBuffer()).toString('base64'), p).toBe(before[p]);
        }
      }
      expect((await fetch(`${other.url}/offentlig/2024`)).status).toBe(200);
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
