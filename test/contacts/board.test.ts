import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterBoard, listBoard, type BoardRow } from '../../engine/contacts/index.ts';
import type { Registry } from '../../engine/index.ts';
import { OPENAPI } from '../../server/index.ts';
import {
  createTestClock,
  forEachDialect,
  PASSWORD,
  PERSONAS,
  seedTestData,
  startTestServer,
  testRegistry,
  type TestClient,
  type TestServer,
} from '../helpers/index.ts';
import { FIXTURE_STATUS, HOSTILE, seedBoardStates } from './board-fixture.ts';

/** Splits the board's CSV (semicolons, double quotes) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r') continue;
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  return rows;
}

forEachDialect('ministry board', (t) => {
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;
  let outboxDir: string;
  let dataDir: string;
  const clock = createTestClock('2024-04-02T09:00:00Z');

  beforeAll(async () => {
    registry = await testRegistry();
    const deps = { db: t.db, registry, clock: clock.now };
    const personas = await seedTestData(deps);
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-data-'));
    outboxDir = path.join(dataDir, 'udbakke');
    await seedBoardStates(deps, personas, outboxDir);
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { dataDir } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('gives every municipality exactly one status, the one its history leads to', async () => {
    const rows = await listBoard(t.db, registry.round('2024')!, clock.now());
    expect(rows).toHaveLength(98);
    const got = Object.fromEntries(rows.filter((r) => r.code in FIXTURE_STATUS).map((r) => [r.code, r.status]));
    expect(got).toEqual(FIXTURE_STATUS);
    expect(rows.filter((r) => !(r.code in FIXTURE_STATUS)).every((r) => r.status === 'ingen-kontakt' && r.lastActivity === null)).toBe(true);
    const sent = rows.find((r) => r.code === '0155')!;
    expect(sent.detail).toBe('Adgangskode ikke valgt endnu');
    expect(sent.login).toMatchObject({ status: 'active', mailStatus: 'sent' });
    const submitted = rows.find((r) => r.code === '0101')!;
    expect(submitted.lastActivity).toBe(submitted.submission!.updatedAt);
  });

  it('counts each status and filters by status, region and text', async () => {
    const r = await admin.request('GET', '/api/admin/rounds/2024/board');
    expect(r.status).toBe(200);
    const counts = Object.fromEntries((r.body.counts as Array<{ status: string; count: number }>).map((c) => [c.status, c.count]));
    expect(counts).toEqual({ 'ingen-kontakt': 91, kontaktperson: 2, 'login-sendt': 1, 'logget-ind': 1, kladde: 1, indsendt: 1, genaabnet: 1 });
    const kontakt = await admin.request('GET', '/api/admin/rounds/2024/board?status=kontaktperson');
    expect((kontakt.body.rows as BoardRow[]).map((x) => x.code)).toEqual(['0157', '0159']);
    const sjaelland = await admin.request('GET', `/api/admin/rounds/2024/board?gruppe=${encodeURIComponent('Region Sjælland')}`);
    const inRegion = Object.values(registry.round('2024')!.tables.kommuner!).filter((k) => k.regionskode === '1085').length;
    expect(inRegion).toBeGreaterThan(0);
    expect(sjaelland.body.total).toBe(inRegion);
    expect((sjaelland.body.rows as BoardRow[]).every((x) => x.group === 'Region Sjælland')).toBe(true);
    const search = filterBoard(await listBoard(t.db, registry.round('2024')!, clock.now()), { q: 'gentofte' });
    expect(search.rows.map((x) => x.code)).toEqual(['0157']);
  });

  it('shows the board as a page with user text escaped', async () => {
    const r = await admin.request('GET', '/admin/runde/2024');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.text).toContain('Kontakt, intet login sendt: 2');
    expect(r.text).not.toContain('<script>alert');
    expect(r.text).toContain('&lt;script&gt;alert(&quot;kontakt&quot;)&lt;/script&gt;');
    const filtered = await admin.request('GET', '/admin/runde/2024?status=indsendt');
    expect(filtered.text).toContain('Kommuner med status «Indsendt» (1)');
  });

  it('exports the filtered board as CSV for Danish Excel with formulas neutralised', async () => {
    const r = await admin.request('GET', '/admin/runde/2024/oversigt.csv?status=kontaktperson');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops the byte-order mark: look at the bytes themselves.
    const raw = Buffer.from(await (await fetch(`${server.url}/admin/runde/2024/oversigt.csv?status=kontaktperson`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(r.text.replace(/^\uFEFF/, ''));
    expect(rows[0]!.slice(0, 4)).toEqual(['Kommunekode', 'Kommune', 'Region', 'Status']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['0157', '0159']);
    const gladsaxe = rows.find((x) => x[0] === '0159')!;
    expect(gladsaxe[3]).toBe('Kontakt, intet login sendt');
    expect(gladsaxe[5]).toBe(`'${HOSTILE['0159']}`);
    expect(rows.find((x) => x[0] === '0157')![5]).toBe(HOSTILE['0157']);
  });

  it('exports the board as XLSX with text cells, never formulas', async () => {
    const r = await fetch(`${server.url}/admin/runde/2024/oversigt.xlsx`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Oversigt')!;
    expect(sheet.rowCount).toBe(99);
    let formulas = 0;
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
    const gladsaxe = sheet.getRows(2, 98)!.find((row) => row.getCell(1).value === '0159')!;
    expect(gladsaxe.getCell(6).value).toBe(`'${HOSTILE['0159']}`);
    expect(sheet.getRows(2, 98)!.find((row) => row.getCell(1).value === '0101')!.getCell(4).value).toBe('Indsendt');
  });

  it('lists the outbox folder, since no SMTP server is configured', async () => {
    const r = await admin.request('GET', '/admin/udbakke');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Der er ingen SMTP-server sat op');
    expect(r.text.match(/\/admin\/udbakke\/fil\/credentials-2024-\d{4}-[a-f0-9-]+\.eml/g)?.length).toBe(3);
    const file = /\/admin\/udbakke\/fil\/(credentials-2024-0155-[a-f0-9-]+\.eml)/.exec(r.text)![1]!;
    const page = await admin.request('GET', `/admin/udbakke/fil/${file}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Login til indberetning af måltal og politik 2024 – Dragør');
    expect((await admin.request('GET', '/admin/udbakke/fil/..%2Fx.eml')).status).toBe(404);
  });
});

describe('who may use the administration', () => {
  let server: TestServer;
  const clients = new Map<string, TestClient>();
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const { openTestDatabase } = await import('../helpers/index.ts');
    const db = await openTestDatabase('sqlite');
    const registry = await testRegistry();
    const clock = createTestClock('2024-04-02T09:00:00Z');
    await seedTestData({ db: db.db, registry, clock: clock.now });
    server = await startTestServer({ db: db.db, registry, clock: clock.now, config: { throttle: { freeFailures: 1000, pairFailures: 1000, ipFailures: 1000 } } });
    stop = async () => {
      await server.close();
      await db.destroy();
    };
    for (const p of ['respondentA', 'analyst'] as const) {
      const c = server.client();
      expect((await c.login(PERSONAS[p].email, PASSWORD)).status).toBe(200);
      clients.set(p, c);
    }
    const anon = server.client();
    await anon.fetchCsrf();
    clients.set('anonymous', anon);
  });
  afterAll(async () => {
    await stop?.();
  });

  const mine = Object.entries(OPENAPI.paths).filter(([p]) => /^\/api\/admin\/(rounds\/\{roundId\}\/(board|contacts|credentials|reminders)|contact-imports|mails)/.test(p));

  it('refuses every contacts, credentials, reminder and mail route to anyone but an admin', async () => {
    expect(mine.length).toBe(11);
    for (const [p, ops] of mine) {
      for (const method of Object.keys(ops)) {
        const url = p.replace('{roundId}', '2024').replace('{kommunekode}', '0147').replace('{importId}', 'x');
        for (const [who, client] of clients) {
          const r = await client.request(method.toUpperCase(), url, method === 'get' ? {} : { json: {} });
          expect(r.status, `${who} ${method} ${url}`).toBe(who === 'anonymous' ? 401 : 403);
        }
      }
    }
  });

  it('sends anonymous visitors of the pages to the login, and refuses a respondent', async () => {
    const anon = await clients.get('anonymous')!.request('GET', '/admin/runde/2024?status=kontaktperson');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/admin/runde/2024?status=kontaktperson')}`);
    for (const path of ['/admin/runde/2024', '/admin/runde/2024/oversigt.csv', '/admin/runde/2024/respondent/0151', '/admin/udbakke', '/admin/runde/2024/kontakter/skabelon.xlsx']) {
      const r = await clients.get('respondentA')!.request('GET', path);
      expect(r.status, path).toBe(403);
      expect(r.text).toContain('Administrationen er kun for ministeriets administratorer.');
    }
  });
});
