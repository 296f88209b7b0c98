/**
 * The ministry's round pages speak the round's own words: for the independent schools' round
 * (2025-trivsel) its round page, a copy's draft page, the diff, the dry run and the notices after
 * copying and publishing say "institutioner", never "kommune", while 2024's keep "kommuner". The
 * copy's diff also lists its round.json and report-spec changes.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { createUser, saveDraft, submit } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, PASSWORD, PERSONAS, SCHEMAS_DIR, seedTestData, startTestServer, type TestClient, type TestServer } from '../helpers/index.ts';

const ROUND = '2025-trivsel';
const NEXT = '2026-trivsel';
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/rounds', ROUND);
const SCHOOL = '280004';
/** A word of the municipalities' round that must never reach a page of the school round. */
const FOREIGN = /kommun/i;
const form = (fields: Record<string, string>) => ({ raw: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

forEachDialect('the round pages in the round\'s own words', (t) => {
  const clock = createTestClock('2025-04-01T08:00:00Z');
  let schemasDir: string;
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;

  /** Opens an admin page of the school round and checks its words, naming the page on failure. */
  const schoolPage = async (address: string, status = 200): Promise<string> => {
    const r = await admin.request('GET', address);
    expect(r.status, address).toBe(status);
    expect(FOREIGN.exec(r.text)?.[0], `${address} bruger en kommunerundes ord`).toBeUndefined();
    return r.text;
  };

  beforeAll(async () => {
    schemasDir = await mkdtemp(path.join(tmpdir(), 'indberet-rundeord-'));
    await cp(path.join(SCHEMAS_DIR, '2024'), path.join(schemasDir, '2024'), { recursive: true });
    await cp(FIXTURE, path.join(schemasDir, ROUND), { recursive: true });
    registry = await loadRounds(schemasDir);
    await seedTestData({ db: t.db, registry, clock: clock.now });
    // One school submitted this year's report, for the next round's dry run.
    const org = await t.db.selectFrom('organisations').select('id').where('code', '=', SCHOOL).executeTakeFirstOrThrow();
    const user = await createUser({ db: t.db, clock: clock.now }, { email: 'leder@skole.dk', navn: 'Skoleleder', role: 'respondent', code: SCHOOL, password: PASSWORD, actorId: null });
    if (!user.ok) throw new Error(user.code);
    const actor = { id: user.user.id, role: 'respondent' as const, organisationId: org.id };
    const wf = { db: t.db, registry, clock: clock.now };
    const answers = { institutionsnummer: SCHOOL, trivsel: { elever: 120, trives: 100, sager: 2, strategi: false }, tiltag: [{ beskrivelse: 'Trivselsuge' }] };
    const saved = await saveDraft(wf, { actor, roundId: ROUND, formName: 'trivsel', organisationId: org.id, answers, ifMatch: 0 });
    expect(saved.ok).toBe(true);
    expect((await submit(wf, { actor, roundId: ROUND, formName: 'trivsel', organisationId: org.id, ifMatch: 1 })).ok).toBe(true);
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { schemasDir } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    if (schemasDir) await rm(schemasDir, { recursive: true, force: true });
  });

  it('the round of files names no previous round it did not name, and says nothing of municipalities', async () => {
    const page = await schoolPage(`/admin/runder/${ROUND}`);
    // 2024 sorts just before it, but it names no previous round.
    expect(page).toMatch(/<dt>Forrige runde<\/dt><dd>Ingen<\/dd>/);
    expect(page).not.toContain('Sammenlign med');
    expect((await admin.request('GET', `/api/admin/rounds/${ROUND}/diff`)).body.code).toBe('ROUND_NO_PREVIOUS');
  });

  it('a copy\'s draft page, its diff and its dry run speak of institutions', async () => {
    expect((await admin.request('POST', '/api/admin/rounds', { json: { from: ROUND, id: NEXT } })).status).toBe(201);
    const draft = await schoolPage(`/admin/runder/${NEXT}?kopieret=1`);
    expect(draft).toContain('Kladde: runden kan rettes og er ikke synlig for rundens institutioner.');
    expect(draft).toContain('rundens institutioner ser den nye runde med sidste års svar forudfyldt.');
    expect(draft).toMatch(/<dt>Forrige runde<\/dt><dd>2025-trivsel<\/dd>/);

    // A tighter bound breaks this year's report, so the dry run names the school.
    const bundle = (await admin.request('GET', `/api/admin/rounds/${NEXT}/bundle`)).body;
    const schema = JSON.parse(bundle.files['trivsel.schema.json']);
    schema.properties.trivsel.properties.elever.minimum = 200;
    const saved = await admin.request('PUT', `/api/admin/rounds/${NEXT}/files/trivsel.schema.json`, { json: { content: JSON.stringify(schema, null, 2) }, headers: { 'if-match': '"1"' } });
    expect(saved.body).toEqual({ version: 2, issues: [] });
    const diff = await schoolPage(`/admin/runder/${NEXT}/aendringer`);
    expect(diff).toContain('1 ændring bryder med sidste års svar');
    const dry = await schoolPage(`/admin/runder/${NEXT}/proevekoersel`);
    expect(dry).toContain('0 af 1 indberetninger er gyldige; 1 ville fejle.');
    expect(dry).toContain(`Institutioner med fejl: ${SCHOOL}.`);
  });

  it('the diff lists round.json and report-spec changes, on the page and in the API', async () => {
    const bundle = (await admin.request('GET', `/api/admin/rounds/${NEXT}/bundle`)).body;
    const spec = JSON.parse(bundle.files['reports.json']);
    spec.figures.sager.title = 'Sager om mobning i alt';
    spec.datasets.skoler.columns.find((c: { key: string }) => c.key === 'sager').path = 'trivsel.sagerne';
    const put = (content: unknown, version: number) =>
      admin.request('PUT', `/api/admin/rounds/${NEXT}/files/reports.json`, { json: { content: JSON.stringify(content, null, 2) }, headers: { 'if-match': `"${version}"` } });
    expect((await put(spec, 2)).status).toBe(200);
    // A column reading a field that does not exist breaks the reports: counted and shown as breaking.
    const broken = (await admin.request('GET', `/api/admin/rounds/${NEXT}/diff`)).body;
    expect(broken.breaking).toBe(3);
    expect(broken.reportSpec.changes).toEqual([
      { change: 'ændret', pointer: '/datasets/skoler/columns/8', message: 'kolonnen "sager" i datasættet "skoler" er ændret' },
      { change: 'ændret', pointer: '/figures/sager', message: 'tallet "sager" er ændret' },
    ]);
    expect(broken.reportSpec.problems).toEqual([
      { file: 'reports.json', pointer: '/datasets/skoler/columns/8/path', message: 'feltet "trivsel.sagerne" findes ikke i formularen "trivsel"' },
      { file: 'reports.json', pointer: '/figures/sager/sum', message: '"sum" kræver en talkolonne, men "sager" er tekst' },
    ]);
    const brokenPage = await schoolPage(`/admin/runder/${NEXT}/aendringer`);
    expect(brokenPage).toContain('3 ændringer bryder med sidste års svar');
    expect(brokenPage).toMatch(/data-kind="rapport-fejl" data-breaking="ja"><td class="indberet-code">\/datasets\/skoler\/columns\/8\/path<\/td><td>Passer ikke<\/td>/);

    spec.datasets.skoler.columns.find((c: { key: string }) => c.key === 'sager').path = 'trivsel.sager';
    expect((await put(spec, 3)).body).toEqual({ version: 4, issues: [] });
    const diff = (await admin.request('GET', `/api/admin/rounds/${NEXT}/diff`)).body;
    expect(diff.breaking).toBe(1);
    expect(diff.reportSpec).toEqual({ changes: [{ change: 'ændret', pointer: '/figures/sager', message: 'tallet "sager" er ændret' }], problems: [] });
    expect(diff.settings).toContainEqual(expect.objectContaining({ kind: 'changed', pointer: '/aar', from: 2025, to: 2026 }));
    const page = await schoolPage(`/admin/runder/${NEXT}/aendringer`);
    expect(page).toContain('Rundens indstillinger (round.json)');
    expect(page).toMatch(/data-kind="indstilling-changed" data-breaking="nej"><td class="indberet-code">\/aar<\/td><td>Ændret<\/td>.*<td>ændret fra 2025 til 2026<\/td>/);
    expect(page).toMatch(/data-kind="indstilling-added" data-breaking="nej"><td class="indberet-code">\/forrigeRunde<\/td>/);
    expect(page).toContain('Rapportspecifikationen (reports.json)');
    expect(page).toMatch(/data-kind="rapport-ændret" data-breaking="nej"><td class="indberet-code">\/figures\/sager<\/td><td>Ændret<\/td>.*<td>tallet &quot;sager&quot; er ændret<\/td>/);
  });

  it('publishing says the round\'s respondents see it now', async () => {
    const published = await admin.request('POST', `/admin/runder/${NEXT}/offentliggoer`, form({ _csrf: admin.csrf!, version: '4' }));
    expect(published.status).toBe(303);
    const page = await schoolPage(`/admin/runder/${NEXT}?offentliggjort=1`);
    expect(page).toContain('Runden er offentliggjort og låst. Rundens institutioner ser den nu med sidste års svar forudfyldt.');
    expect(page).toContain('Offentliggjort: runden er låst og vises for rundens institutioner.');
  });

  it('the municipalities\' round keeps its own word', async () => {
    const copy = await admin.request('POST', '/api/admin/rounds', { json: { from: '2024', id: '2025' } });
    expect(copy.status).toBe(201);
    expect((await admin.request('GET', '/admin/runder/2025')).text).toContain('Kladde: runden kan rettes og er ikke synlig for rundens kommuner.');
  });
});
