import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { saveDraft, submit } from '../../engine/workflows/index.ts';
import { createDatabase } from '../../engine/db/index.ts';
import { watchStoredRounds } from '../../server/index.ts';
import {
  createTestClock,
  forEachDialect,
  PASSWORD,
  PERSONAS,
  SCHEMAS_DIR,
  seedTestData,
  startTestServer,
  validMaaltal,
  type TestClient,
  type TestServer,
} from '../helpers/index.ts';
import { editMaaltalSchema, editMaaltalUi, NEW_QUESTION_TITLE } from './edit-maaltal.ts';
import { dbSnapshot } from '../proof/db-snapshot.ts';

const API = '/api/admin/rounds/2026';
const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

forEachDialect('round administration over HTTP', (t) => {
  const clock = createTestClock('2025-05-01T10:00:00Z');
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;
  let respondent: TestClient;
  let original: Record<string, string>;

  beforeAll(async () => {
    registry = await loadRounds(SCHEMAS_DIR);
    const ids = await seedTestData({ db: t.db, registry, clock: clock.now });
    const wf = { db: t.db, registry, clock: clock.now };
    // Last year Frederiksberg and Ballerup submitted their reports.
    for (const [kode, user] of [['0147', ids.respondentA], ['0151', ids.respondentB]] as const) {
      const org = await t.db.selectFrom('organisations').select('id').where('code', '=', kode).executeTakeFirstOrThrow();
      const actor = { id: user, role: 'respondent' as const, organisationId: org.id };
      expect((await saveDraft(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, answers: validMaaltal(kode), ifMatch: 0 })).ok).toBe(true);
      expect((await submit(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, ifMatch: 1 })).ok).toBe(true);
    }
    clock.set('2026-03-20T09:00:00Z');
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { schemasDir: SCHEMAS_DIR } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
    respondent = server.client();
    expect((await respondent.login(PERSONAS.respondentA.email, PASSWORD)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('only admins reach the round routes and pages', async () => {
    expect((await respondent.request('GET', '/api/admin/rounds')).status).toBe(403);
    expect((await respondent.request('POST', '/api/admin/rounds', { json: { from: '2025', id: '2026' } })).status).toBe(403);
    const page = await respondent.request('GET', '/admin/runder');
    expect(page.status).toBe(403);
    expect(page.text).toContain('Runderne administreres af ministeriets administratorer.');
    const anon = server.client();
    const r = await anon.request('GET', '/admin/runder/2025');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/login?next=%2Fadmin%2Frunder%2F2025');
  });

  it('copies 2025 and saves the edited schema and ui, each save a new version', async () => {
    const copy = await admin.request('POST', '/api/admin/rounds', { json: { from: '2025', id: '2026' } });
    expect(copy.status).toBe(201);
    expect(copy.headers.get('etag')).toBe('"1"');
    expect((await admin.request('POST', '/api/admin/rounds', { json: { from: '2025', id: '2026' } })).body.code).toBe('ROUND_EXISTS');
    const bundle = await admin.request('GET', `${API}/bundle`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-disposition')).toBe('attachment; filename="runde-2026.json"');
    expect(bundle.body).toMatchObject({ format: 'indberet-runde/1', id: '2026', status: 'kladde', version: 1 });
    original = bundle.body.files;
    // The copy moves the year on in every localised text, the English title too.
    expect(JSON.parse(original['round.json']!)['x-en'].title).toBe('Target figures and policies for gender composition in municipal top management 2026');
    const schema = await admin.request('PUT', `${API}/files/maaltal.schema.json`, {
      json: { content: editMaaltalSchema(original['maaltal.schema.json']!) },
      headers: { 'if-match': '"1"' },
    });
    expect(schema.status).toBe(200);
    // A draft may be saved with issues: here the ui still orders the old fields, until it is saved too.
    expect(schema.body).toEqual({
      version: 2,
      issues: [
        { file: 'maaltal.ui.json', pointer: '/kontakt/ui:order/0', message: '"ui:order" nævner "navn", som ikke er et felt i skemaet' },
        { file: 'maaltal.ui.json', pointer: '/kontakt/ui:order', message: '"ui:order" mangler "fuldtNavn", "stilling"; tilføj felterne eller "*"' },
      ],
    });
    const ui = await admin.request('PUT', `${API}/files/maaltal.ui.json`, { json: { content: editMaaltalUi(original['maaltal.ui.json']!) }, headers: { 'if-match': '"2"' } });
    expect(ui.body).toEqual({ version: 3, issues: [] });
    const stale = await admin.request('PUT', `${API}/files/maaltal.ui.json`, { json: { content: '{}' }, headers: { 'if-match': '"2"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('ROUND_EDIT_CONFLICT');
    expect((await admin.request('PUT', `${API}/files/maaltal.ui.json`, { json: { content: '{}' } })).status).toBe(428);
    expect((await admin.request('PUT', '/api/admin/rounds/2025/files/round.json', { json: { content: '{}' }, headers: { 'if-match': '"1"' } })).body.code).toBe(
      'ROUND_NOT_STORED',
    );
  });

  it('lints what is typed without saving it, with the preview rendered by the form component', async () => {
    const broken = await admin.request('POST', `${API}/lint`, { json: { file: 'maaltal.schema.json', content: '{"type": "object", "properties": {"x": {"type": "strin"}}}' } });
    expect(broken.status).toBe(200);
    expect(broken.body.issues.length).toBeGreaterThan(0);
    expect(broken.body.issues.map((i: { file: string }) => i.file)).toContain('maaltal.schema.json');
    expect(broken.body.preview.error).toContain('runden har fejl');
    const ok = await admin.request('POST', `${API}/lint`, {
      json: { file: 'maaltal.ui.json', content: editMaaltalUi(original['maaltal.ui.json']!), step: 1 },
    });
    expect(ok.body.issues).toEqual([]);
    expect(ok.body.preview).toMatchObject({ formName: 'maaltal', step: 1 });
    expect(ok.body.preview.html).toContain(NEW_QUESTION_TITLE);
    expect(ok.body.preview.html).toContain('id="root_kontakt_fuldtNavn"');
    const tables = await admin.request('POST', `${API}/lint`, { json: { file: 'kommuner.csv', content: 'kommunekode,navn\n0101,København\n0101,Igen\n' } });
    expect(tables.body.preview).toBeNull();
    expect(tables.body.issues[0]).toMatchObject({ file: 'kommuner.csv', message: expect.stringContaining('gentaget') });
    expect((await admin.request('POST', `${API}/lint`, { json: { file: '../round.json', content: '{}' } })).body.code).toBe('ROUND_FILE_NAME');
    // The report spec is checked against the forms too: a stale path is named by its pointer.
    const spec = (await admin.request('GET', `${API}/bundle`)).body.files['reports.json'] as string;
    const stale = await admin.request('POST', `${API}/lint`, { json: { file: 'reports.json', content: spec.replace('enheder[].niveau2.kvinder', 'enheder[].niveau2.kvindr') } });
    expect(stale.body.issues).toContainEqual({ file: 'reports.json', pointer: expect.stringMatching(/^\/datasets\/enheder\/columns\/\d+\/path$/), message: expect.stringContaining('"enheder[].niveau2.kvindr" findes ikke') });
    // Nothing was saved.
    expect((await admin.request('GET', `${API}/bundle`)).body.version).toBe(3);
  });

  it('the diff and dry-run reports, as JSON and as pages: additive edit', async () => {
    const diff = await admin.request('GET', `${API}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: '2025', to: '2026', breaking: 0 });
    // round.json's changes by pointer: the copy moved the year on and named its source (2025 named 2024).
    expect(diff.body.settings).toContainEqual({ kind: 'changed', pointer: '/aar', from: 2025, to: 2026, breaking: false, message: 'ændret fra 2025 til 2026' });
    expect(diff.body.settings).toContainEqual({ kind: 'changed', pointer: '/forrigeRunde', from: '2024', to: '2025', breaking: false, message: 'ændret fra "2024" til "2025"' });
    // The copy's report spec is the source's: listed, unchanged, fitting the forms.
    expect(diff.body.reportSpec).toEqual({ changes: [], problems: [] });
    const maaltal = diff.body.forms.find((f: { name: string }) => f.name === 'maaltal');
    expect(maaltal.changes.map((c: { kind: string; path: string; breaking: boolean }) => `${c.kind} ${c.path} ${c.breaking}`)).toEqual([
      'renamed /kontakt/fuldtNavn false',
      'added /kontakt/stilling false',
    ]);
    const dry = await admin.request('GET', `${API}/dry-run`);
    expect(dry.body.forms.find((f: { name: string }) => f.name === 'maaltal').report).toMatchObject({ total: 2, valid: 2, invalid: 0, issues: [] });

    const page = await admin.request('GET', '/admin/runder/2026/aendringer');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain('Ingen ændringer bryder med sidste års svar.');
    expect(page.text).toMatch(/data-kind="indstilling-changed" data-breaking="nej"><td class="indberet-code">\/forrigeRunde<\/td><td>Ændret<\/td>/);
    expect(page.text).toContain('Rapportspecifikationen (reports.json): uændret');
    expect(page.text).toMatch(/data-kind="renamed" data-breaking="nej"><td class="indberet-code">\/kontakt\/fuldtNavn<\/td><td>Omdøbt<\/td>/);
    expect(page.text).toMatch(/data-kind="added" data-breaking="nej"><td class="indberet-code">\/kontakt\/stilling<\/td><td>Tilføjet<\/td>/);
    const dryPage = await admin.request('GET', '/admin/runder/2026/proevekoersel');
    expect(dryPage.text).toContain('2 af 2 indberetninger er gyldige; 0 ville fejle.');
  });

  it('the diff and dry-run reports: a required new question breaks last year\'s answers', async () => {
    const breaking = editMaaltalSchema(original['maaltal.schema.json']!, { requireNew: true });
    expect((await admin.request('PUT', `${API}/files/maaltal.schema.json`, { json: { content: breaking }, headers: { 'if-match': '"3"' } })).status).toBe(200);
    const diff = await admin.request('GET', `${API}/diff`);
    expect(diff.body.breaking).toBe(1);
    const dry = (await admin.request('GET', `${API}/dry-run`)).body.forms.find((f: { name: string }) => f.name === 'maaltal').report;
    expect(dry).toMatchObject({ total: 2, valid: 0, invalid: 2 });
    expect(dry.issues).toEqual([{ path: '/kontakt/stilling', keyword: 'required', message: expect.any(String), count: 2 }]);
    expect(dry.failures.map((f: { label: string }) => f.label)).toEqual(['0147', '0151']);
    const page = await admin.request('GET', '/admin/runder/2026/aendringer');
    expect(page.text).toContain('1 ændring bryder med sidste års svar');
    expect(page.text).toMatch(/data-kind="added" data-breaking="ja"><td class="indberet-code">\/kontakt\/stilling<\/td>/);
    const dryPage = await admin.request('GET', '/admin/runder/2026/proevekoersel');
    expect(dryPage.text).toContain('0 af 2 indberetninger er gyldige; 2 ville fejle.');
    expect(dryPage.text).toContain('Kommuner med fejl: 0147, 0151.');
    // Back to the additive edit, through the page's own form post.
    const saved = await admin.request('POST', '/admin/runder/2026/filer/maaltal.schema.json', {
      ...form({ _csrf: admin.csrf!, version: '4', indhold: editMaaltalSchema(original['maaltal.schema.json']!) }),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/runder/2026/filer/maaltal.schema.json?gemt=1');
    expect((await admin.request('GET', `${API}/diff`)).body.breaking).toBe(0);
  });

  it('publishes with the version seen; then every edit is refused and nothing changes', async () => {
    expect((await admin.request('POST', `${API}/publish`, { headers: { 'if-match': '"4"' } })).body.code).toBe('ROUND_EDIT_CONFLICT');
    const published = await admin.request('POST', `${API}/publish`, { headers: { 'if-match': '"5"' } });
    expect(published.status).toBe(200);
    expect(published.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(registry.round('2026')?.hash).toBe(published.body.hash);
    const before = (await admin.request('GET', `${API}/bundle`)).body;
    expect(before).toMatchObject({ status: 'offentliggjort', hash: published.body.hash, version: 5 });

    const file = await admin.request('PUT', `${API}/files/maaltal.ui.json`, { json: { content: '{}' }, headers: { 'if-match': '"5"' } });
    expect(file.status).toBe(409);
    expect(file.body).toMatchObject({ code: 'ROUND_PUBLISHED', message: expect.stringContaining('Runde 2026 er offentliggjort og kan ikke længere ændres') });
    const upload = await admin.request('PUT', `${API}/bundle`, { json: { id: '2026', files: { ...before.files, 'maaltal.ui.json': '{}' } }, headers: { 'if-match': '"5"' } });
    expect(upload.status).toBe(409);
    expect(upload.body.code).toBe('ROUND_PUBLISHED');
    expect((await admin.request('POST', `${API}/publish`, { headers: { 'if-match': '"5"' } })).body.code).toBe('ROUND_PUBLISHED');
    const pagePost = await admin.request('POST', '/admin/runder/2026/filer/maaltal.ui.json', form({ _csrf: admin.csrf!, version: '5', indhold: '{}' }));
    expect(pagePost.status).toBe(409);
    expect(pagePost.text).toContain('Runde 2026 er offentliggjort og kan ikke længere ændres');
    const after = (await admin.request('GET', `${API}/bundle`)).body;
    expect(after).toEqual(before);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'round').where('entity_id', '=', '2026').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['round.copied', 'round.file_saved', 'round.file_saved', 'round.file_saved', 'round.file_saved', 'round.published', 'organisations.seeded']);
  });

  it('serves the round\'s browser validators, and the municipality\'s form starts prefilled with a banner until confirmed', async () => {
    const js = await respondent.request('GET', '/static/runder/2026/validators.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.text).toContain('export{');
    // A round loaded from files is served too (from the build's cache or generated now); an unknown one is not.
    expect((await respondent.request('GET', '/static/runder/2025/validators.js')).status).toBe(200);
    expect((await respondent.request('GET', '/static/runder/2099/validators.js')).status).toBe(404);

    // Looking at the form writes nothing: last year's answers are shown, stored at the first save.
    const before = await dbSnapshot(t.db);
    const step = await respondent.request('GET', '/indberetning/2026/maaltal/trin/2');
    expect(step.status).toBe(200);
    expect(step.text).toContain('Forudfyldt fra sidste år');
    expect(step.text).toContain('value="Kontakt Person"');
    expect(await dbSnapshot(t.db)).toEqual(before);
    const confirm = await respondent.request('POST', '/indberetning/2026/maaltal/bekraeft-forudfyldning', form({ _csrf: respondent.csrf! }));
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/indberetning/2026/maaltal/trin/1?bekraeftet=1');
    expect((await respondent.request('GET', '/indberetning/2026/maaltal/trin/1')).text).not.toContain('Forudfyldt fra sidste år');
    // Without the CSRF token nothing is confirmed.
    expect((await respondent.request('POST', '/indberetning/2026/maaltal/bekraeft-forudfyldning', { ...form({}), noCsrf: true })).status).toBe(403);
  });

  it('another instance serves the published round within its refresh interval, and the round\'s reports render on both', async () => {
    // The instance that published it renders the memo from templates compiled on first use.
    const here = await admin.request('GET', '/rapporter/2026/notat');
    expect(here.status).toBe(200);
    expect(here.text).toContain(registry.round('2026')!.title);

    // Another process: its own connection and a registry loaded from the files alone.
    const otherDb = createDatabase(t.handle.options);
    const otherRegistry = await loadRounds(SCHEMAS_DIR);
    const other = await startTestServer({ db: otherDb.db, registry: otherRegistry, clock: clock.now, config: { schemasDir: SCHEMAS_DIR } });
    const watch = watchStoredRounds({ db: otherDb.db, registry: otherRegistry, logger: other.deps.logger }, 50);
    try {
      const analyst = other.client();
      expect((await analyst.login(PERSONAS.analyst.email, PASSWORD)).status).toBe(200);
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = (await analyst.request('GET', '/api/rounds/2026')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe(200);
      expect(otherRegistry.round('2026')?.hash).toBe(registry.round('2026')?.hash);
      const memo = await analyst.request('GET', '/rapporter/2026/notat');
      expect(memo.status).toBe(200);
      expect(memo.text).toBe(here.text);
      // A second look finds nothing new.
      expect(await watch.refresh()).toEqual([]);
    } finally {
      watch.stop();
      await other.close();
      await otherDb.destroy();
    }
  });

  it('uploads a round file as a new draft and downloads the same files', async () => {
    const files = { ...original, 'round.json': original['round.json']!.replace('"id": "2026"', '"id": "2027"') };
    expect((await admin.request('PUT', '/api/admin/rounds/2027/bundle', { json: { id: '2028', files } })).status).toBe(400);
    expect((await admin.request('PUT', '/api/admin/rounds/2027/bundle', { json: { files: { 'x/../round.json': '{}' } } })).body.code).toBe('ROUND_FILE_NAME');
    const created = await admin.request('PUT', '/api/admin/rounds/2027/bundle', { json: { id: '2027', files } });
    expect(created.status).toBe(201);
    const back = (await admin.request('GET', '/api/admin/rounds/2027/bundle')).body;
    expect(back).toMatchObject({ id: '2027', status: 'kladde', version: 1 });
    expect(back.files).toEqual(files);
    expect((await admin.request('PUT', '/api/admin/rounds/2025/bundle', { json: { files } })).body.code).toBe('ROUND_EXISTS');
    const list = await admin.request('GET', '/api/admin/rounds');
    expect(list.body.rounds.map((r: { id: string; status: string }) => `${r.id} ${r.status}`)).toEqual(['2027 kladde', '2026 offentliggjort', '2025 filer', '2024 filer']);
  });

  it('the copy on the round page carries every localised text: the English title and the schemas\' and ui files\' texts move on', async () => {
    // A round whose texts name its year in Danish and English, in round.json, a schema and its ui file.
    const schema = JSON.parse(original['maaltal.schema.json']!);
    schema['x-en'] = { title: 'Report of target figures 2031', description: 'Targets set in 2031' };
    schema.title = 'Indberetning 2031';
    schema.$id = 'https://indberet.dk/schemas/2031/maaltal.schema.json';
    const ui = JSON.parse(original['maaltal.ui.json']!);
    ui.kontakt = { ...ui.kontakt, 'ui:description': 'Kontakt for 2031' };
    const files = {
      ...original,
      'round.json': original['round.json']!.replaceAll('2026', '2031'),
      'maaltal.schema.json': JSON.stringify(schema, null, 2),
      'maaltal.ui.json': JSON.stringify(ui, null, 2),
    };
    expect((await admin.request('PUT', '/api/admin/rounds/2031/bundle', { json: { id: '2031', files } })).status).toBe(201);
    const copied = await admin.request('POST', '/admin/runder/kopier', form({ _csrf: admin.csrf!, fra: '2031', til: '2032' }));
    expect(copied.status).toBe(303);
    expect(copied.headers.get('location')).toBe('/admin/runder/2032?kopieret=1');
    const copy = (await admin.request('GET', '/api/admin/rounds/2032/bundle')).body.files as Record<string, string>;
    const round = JSON.parse(copy['round.json']!);
    expect(round).toMatchObject({ id: '2032', aar: 2032, forrigeRunde: '2031' });
    expect(round.title).toMatch(/ 2032$/);
    expect(round['x-en'].title).toBe('Target figures and policies for gender composition in municipal top management 2032');
    const copiedSchema = JSON.parse(copy['maaltal.schema.json']!);
    expect(copiedSchema).toMatchObject({ title: 'Indberetning 2032', 'x-en': { title: 'Report of target figures 2032', description: 'Targets set in 2032' } });
    expect(copiedSchema.$id).toBe('https://indberet.dk/schemas/2032/maaltal.schema.json');
    expect(JSON.parse(copy['maaltal.ui.json']!).kontakt['ui:description']).toBe('Kontakt for 2032');
    // The same through the API.
    expect((await admin.request('POST', '/api/admin/rounds', { json: { from: '2031', id: '2033' } })).status).toBe(201);
    const api = (await admin.request('GET', '/api/admin/rounds/2033/bundle')).body.files as Record<string, string>;
    expect(JSON.parse(api['round.json']!)['x-en'].title).toMatch(/ 2033$/);
    expect(JSON.parse(api['maaltal.schema.json']!)['x-en'].title).toBe('Report of target figures 2033');
  });
});
