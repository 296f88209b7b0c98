import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { saveDraft, submit } from '../../engine/workflows/index.ts';
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

const API = '/api/admin/rounds/2026';
const EDIT = '/admin/runder/2026/rediger';
const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

/** The structured round editor over HTTP: each edit checked, then saved on the version checked; the draft published. */
forEachDialect('the structured round editor', (t) => {
  const clock = createTestClock('2025-05-01T10:00:00Z');
  let registry: Registry;
  let server: TestServer;
  let admin: TestClient;
  let version = 1;

  const files = async (): Promise<Record<string, string>> => {
    const b = await admin.request('GET', `${API}/bundle`);
    expect(b.status).toBe(200);
    return b.body.files as Record<string, string>;
  };
  /** Checks an edit (nothing saved), then saves it with the version the check was made on. */
  const checkThenSave = async (fields: Record<string, string>) => {
    const before = await files();
    const check = await admin.request('POST', EDIT, form({ _csrf: admin.csrf!, version: String(version), handling: 'kontroller', ...fields }));
    expect(check.status, check.text.slice(0, 400)).toBe(200);
    expect(check.text).toContain('Kontrol af ændringen');
    // Checking writes nothing.
    expect(await files()).toEqual(before);
    const save = await admin.request('POST', EDIT, form({ _csrf: admin.csrf!, version: String(version), handling: 'gem', ...fields }));
    expect(save.status, save.text.slice(0, 400)).toBe(303);
    expect(save.headers.get('location')).toBe(`${EDIT}?gemt=1`);
    version += 1;
    return check.text;
  };

  beforeAll(async () => {
    registry = await loadRounds(SCHEMAS_DIR);
    const ids = await seedTestData({ db: t.db, registry, clock: clock.now });
    const wf = { db: t.db, registry, clock: clock.now };
    const org = await t.db.selectFrom('organisations').select('id').where('code', '=', '0147').executeTakeFirstOrThrow();
    const actor = { id: ids.respondentA, role: 'respondent' as const, organisationId: org.id };
    expect((await saveDraft(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, answers: validMaaltal('0147'), ifMatch: 0 })).ok).toBe(true);
    expect((await submit(wf, { actor, roundId: '2025', formName: 'maaltal', organisationId: org.id, ifMatch: 1 })).ok).toBe(true);
    clock.set('2026-01-10T09:00:00Z');
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { schemasDir: SCHEMAS_DIR } });
    admin = server.client();
    expect((await admin.login(PERSONAS.admin.email, PASSWORD)).status).toBe(200);
    const copy = await admin.request('POST', '/api/admin/rounds', { json: { from: '2025', id: '2026' } });
    expect(copy.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('offers the groups, fields, dates and tables of the draft, and only to admins; a file round is not edited here', async () => {
    const page = await admin.request('GET', EDIT);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="maaltal|/enheder/*">');
    expect(page.text).toContain('<option value="maaltal|/kontakt/navn">');
    expect(page.text).toContain('indberetningFrist (nu 2026-05-31)');
    expect(page.text).toContain('name="kol_kommunekode"');
    const roundPage = await admin.request('GET', '/admin/runder/2026');
    expect(roundPage.text).toContain('href="/admin/runder/2026/rediger"');
    const fileRound = await admin.request('GET', '/admin/runder/2025/rediger');
    expect(fileRound.status).toBe(409);
    const respondent = server.client();
    expect((await respondent.login(PERSONAS.respondentA.email, PASSWORD)).status).toBe(200);
    expect((await respondent.request('GET', EDIT)).status).toBe(403);
    expect((await respondent.request('POST', EDIT, form({ _csrf: respondent.csrf!, version: '1', slags: 'dato', navn: 'indberetningFrist', dato: '2026-06-30', handling: 'gem' }))).status).toBe(403);
  });

  it('adds a question per unit: the schema, the ui order and the audit log, and the form shows it', async () => {
    const text = await checkThenSave({
      slags: 'sporgsmaal',
      gruppe: 'maaltal|/enheder/*',
      titel: 'Bemærkninger til enheden',
      titelEn: 'Remarks on the unit',
      noegle: 'bemaerkninger',
      type: 'langtekst',
      efter: 'politik',
    });
    expect(text).toContain('Ændringen giver ingen nye fejl i runden.');
    const f = await files();
    const schema = JSON.parse(f['maaltal.schema.json']!);
    expect(schema.$defs.enhed.properties.bemaerkninger).toEqual({
      type: 'string',
      title: 'Bemærkninger til enheden',
      'x-en': { title: 'Remarks on the unit' },
      maxLength: 5000,
    });
    expect(schema.$defs.enhed.required).not.toContain('bemaerkninger');
    const ui = JSON.parse(f['maaltal.ui.json']!);
    const order = ui.enheder.items['ui:order'] as string[];
    expect(order[order.indexOf('politik') + 1]).toBe('bemaerkninger');
    expect(ui.enheder.items.bemaerkninger).toEqual({ 'ui:widget': 'textarea' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'data']).where('entity_id', '=', '2026').where('action', '=', 'round.file_saved').execute();
    expect(audit.map((a) => String(a.data)).join('\n')).toContain('Bemærkninger til enheden');
  });

  it('renames a field with lineage: last year\'s answers still pass the dry run and the diff shows a rename', async () => {
    const text = await checkThenSave({ slags: 'omdoeb', felt: 'maaltal|/kontakt/navn', noegle: 'fuldtNavn' });
    expect(text).toContain('Sidste rundes svar følger med (x-lineage peger på /kontakt/navn).');
    const schema = JSON.parse((await files())['maaltal.schema.json']!);
    expect(schema.properties.kontakt.properties.fuldtNavn['x-lineage']).toEqual({ previous: '/kontakt/navn' });
    expect(schema.properties.kontakt.properties.navn).toBeUndefined();
    expect(schema.properties.kontakt.required).toContain('fuldtNavn');
    const diff = await admin.request('GET', `${API}/diff`);
    expect(JSON.stringify(diff.body)).toContain('/kontakt/fuldtNavn');
    const dry = await admin.request('GET', `${API}/dry-run`);
    expect(dry.status).toBe(200);
    // Frederiksberg's submitted report, carried over through the lineage, is still valid: without it
    // the required fuldtNavn would be missing.
    const maaltal = (dry.body.forms as { name: string; report: { total: number; valid: number } }[]).find((f) => f.name === 'maaltal');
    expect(maaltal?.report).toMatchObject({ total: 1, valid: 1 });
  });

  it('moves a deadline and adds a respondent to the table', async () => {
    await checkThenSave({ slags: 'dato', navn: 'indberetningFrist', dato: '2026-06-30' });
    await checkThenSave({
      slags: 'raekke',
      tabel: 'kommuner',
      kol_kommunekode: '0999',
      kol_navn: 'Nyby, "Syd"',
      kol_regionskode: '1084',
      kol_regionsnavn: 'Region Hovedstaden',
      kol_delt_administrativ_ledelse: 'nej',
    });
    const f = await files();
    expect(JSON.parse(f['round.json']!).datoer.indberetningFrist).toBe('2026-06-30');
    expect(f['kommuner.csv']!.endsWith('0999,"Nyby, ""Syd""",1084,Region Hovedstaden,nej\n')).toBe(true);
  });

  it('makes a form\'s formats descriptions only and back: round.json, the summary, and a repeat refused', async () => {
    const page = await admin.request('GET', EDIT);
    expect(page.text).toContain('Kontaktliste (nu kontrolleres)');
    const text = await checkThenSave({ slags: 'formater', formular: 'kontaktliste', formater: 'annotate' });
    expect(text).toContain('Formularen «Kontaktliste»: format (e-mail, dato, …) beskriver kun værdien nu (annotate), før kontrolleres (assert).');
    const entry = () => files().then((f) => (JSON.parse(f['round.json']!).forms as { name: string; formats?: string }[]).find((x) => x.name === 'kontaktliste'));
    expect((await entry())?.formats).toBe('annotate');
    expect((await admin.request('GET', EDIT)).text).toContain('Kontaktliste (nu beskriver kun)');
    const again = await admin.request('POST', EDIT, form({ _csrf: admin.csrf!, version: String(version), handling: 'gem', slags: 'formater', formular: 'kontaktliste', formater: 'annotate' }));
    expect(again.status).toBe(422);
    expect(again.text).toContain('beskriver kun værdien allerede');
    await checkThenSave({ slags: 'formater', formular: 'kontaktliste', formater: 'assert' });
    expect((await entry())?.formats).toBeUndefined();
    const api = await admin.request('POST', `${API}/edits`, { json: { edit: { kind: 'set-formats', form: 'kontaktliste', formats: 'maybe' } } });
    expect(api.status).toBe(422);
    expect(api.body.message).toContain('"formats" skal være assert eller annotate');
    const unknown = await admin.request('POST', `${API}/edits`, { json: { edit: { kind: 'set-formats', form: 'ingen', formats: 'annotate' } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toContain('runden har ingen formular "ingen"');
  });

  it('adds a template file, and a template with a mistake shows its lint issue before saving', async () => {
    const broken = await admin.request(
      'POST',
      EDIT,
      form({ _csrf: admin.csrf!, version: String(version), handling: 'kontroller', slags: 'fil', navn: 'templates/kommune.hbs', indhold: 'x' }),
    );
    // The name is taken (the round has that template): refused with the reason, the text kept on the page.
    expect(broken.status).toBe(422);
    expect(broken.text).toContain('Ændringen kan ikke laves: runden har allerede en fil templates/kommune.hbs');
    const bad = await admin.request(
      'POST',
      EDIT,
      form({ _csrf: admin.csrf!, version: String(version), handling: 'kontroller', slags: 'fil', navn: 'templates/bilag.hbs', indhold: '<p>{{#each rows}}</p>' }),
    );
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Ændringen giver 1 ny fejl');
    expect(bad.text).toContain('Parse error on line 2: Expecting');
    expect(bad.text).toContain('templates/bilag.hbs');
    expect(bad.text).toContain('Gem ændringen alligevel');
    expect((await files())['templates/bilag.hbs']).toBeUndefined();
    await checkThenSave({ slags: 'fil', navn: 'templates/bilag.hbs', indhold: '{{!-- kontekst: notat --}}\n<p>Bilag</p>' });
    expect((await files())['templates/bilag.hbs']).toBe('{{!-- kontekst: notat --}}\n<p>Bilag</p>\n');
  });

  it('refuses bad edits with a Danish reason and keeps what was typed; a stale version is a conflict', async () => {
    const badKey = await admin.request(
      'POST',
      EDIT,
      form({ _csrf: admin.csrf!, version: String(version), handling: 'kontroller', slags: 'sporgsmaal', gruppe: 'kontaktliste|', titel: 'Stilling', noegle: '1stilling', type: 'tekst' }),
    );
    expect(badKey.status).toBe(422);
    expect(badKey.text).toContain('nøglen &quot;1stilling&quot; kan ikke bruges');
    expect(badKey.text).toContain('value="Stilling"');
    const shared = await admin.request(
      'POST',
      EDIT,
      form({ _csrf: admin.csrf!, version: String(version), handling: 'kontroller', slags: 'omdoeb', felt: 'maaltal|/enheder/*/niveau1/kvinder', noegle: 'k' }),
    );
    expect(shared.status).toBe(422);
    expect(shared.text).toContain('/$defs/niveau, som bruges 2 steder');
    const badDate = await admin.request('POST', EDIT, form({ _csrf: admin.csrf!, version: String(version), handling: 'gem', slags: 'dato', navn: 'indberetningFrist', dato: '2026-02-30' }));
    expect(badDate.status).toBe(422);
    const dup = await admin.request(
      'POST',
      EDIT,
      form({ _csrf: admin.csrf!, version: String(version), handling: 'gem', slags: 'raekke', tabel: 'regioner', kol_regionskode: '1084', kol_regionsnavn: 'X' }),
    );
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('der findes allerede en række med regionskode 1084');
    const stale = await admin.request('POST', EDIT, form({ _csrf: admin.csrf!, version: String(version - 1), handling: 'gem', slags: 'dato', navn: 'indberetningFrist', dato: '2026-07-01' }));
    expect(stale.status).toBe(409);
    expect(JSON.parse((await files())['round.json']!).datoer.indberetningFrist).toBe('2026-06-30');
    const noCsrf = await admin.request('POST', EDIT, { ...form({ version: String(version), handling: 'gem', slags: 'dato', navn: 'indberetningFrist', dato: '2026-07-01' }), noCsrf: true });
    expect(noCsrf.status).toBe(403);
  });

  it('the same edits over the JSON API: a check writes nothing, a save needs the version', async () => {
    const edit = { kind: 'add-question', form: 'kontaktliste', parent: '', key: 'stilling', title: 'Stilling', type: 'valg', options: ['Direktør', 'Chef'], required: true };
    const check = await admin.request('POST', `${API}/edits`, { json: { edit } });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ saved: false, files: ['kontaktliste.schema.json', 'kontaktliste.ui.json'], added: [] });
    expect((await files())['kontaktliste.schema.json']).not.toContain('stilling');
    expect((await admin.request('POST', `${API}/edits`, { json: { edit, save: true } })).body.code).toBe('VERSION_REQUIRED');
    const bad = await admin.request('POST', `${API}/edits`, { json: { edit: { ...edit, type: 'farve' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('ROUND_EDIT_REFUSED');
    const saved = await admin.request('POST', `${API}/edits`, { json: { edit, save: true }, headers: { 'if-match': `"${version}"` } });
    expect(saved.status).toBe(200);
    version += 1;
    expect(saved.headers.get('etag')).toBe(`"${version}"`);
    const schema = JSON.parse((await files())['kontaktliste.schema.json']!);
    expect(schema.properties.stilling).toMatchObject({ type: 'string', enum: ['Direktør', 'Chef'] });
    expect(schema.required).toContain('stilling');
    const fileRound = await admin.request('POST', '/api/admin/rounds/2025/edits', { json: { edit } });
    expect(fileRound.body.code).toBe('ROUND_NOT_STORED');
  });

  it('the edited draft publishes, and the new respondent takes part in the round', async () => {
    const r = await admin.request('POST', `${API}/publish`, { headers: { 'if-match': `"${version}"` } });
    expect(r.status, JSON.stringify(r.body).slice(0, 600)).toBe(200);
    const member = await t.db
      .selectFrom('round_respondents')
      .innerJoin('organisations', 'organisations.id', 'round_respondents.organisation_id')
      .select(['organisations.code', 'organisations.navn'])
      .where('round_respondents.round_id', '=', '2026')
      .where('organisations.code', '=', '0999')
      .executeTakeFirst();
    expect(member).toEqual({ code: '0999', navn: 'Nyby, "Syd"' });
  });
});
