/**
 * The respondent key comes from the login, wherever the form puts it (`x-respondent-key`), and the
 * population comes from round data (`round.json` → `respondents`), for a round of another kind
 * than the municipalities' too: organisations are seeded from its table, an answer naming another
 * respondent is refused and stores nothing, a missing key is filled in, and one respondent can
 * neither read nor change another's report — in the workflows and over HTTP, on every dialect.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, respondentKeyField, respondentsOf, type Registry } from '../../engine/node.ts';
import {
  createUser,
  getOwnSubmission,
  saveDraft,
  seedOrganisations,
  seedRounds,
  submit,
  type Actor,
  type WorkflowDeps,
} from '../../engine/workflows/index.ts';
import { bindRespondent, forceOrganisation } from '../../engine/workflows/force-organisation.ts';
import { renderMessage, ERRORS } from '../../server/index.ts';
import { createTestClock, forEachDialect, startTestServer, testRegistry, type TestClient, type TestServer } from '../helpers/index.ts';

const ROUND = '2030-skoler';
const FORM = 'opgoerelse';
const OWN = `/api/rounds/${ROUND}/forms/${FORM}/submission`;
const PASSWORD = 'en lang og sikker adgangskode';

const INSTITUTIONS = ['institutionskode,navn,type', 'S001,Skolen ved Søen,folkeskole', 'S003,Bakkeskolen,friskole', 'S005,Åskolen,folkeskole', 'S007,Engskolen,efterskole'];

/** A round of another kind: institutions, not municipalities; its key field is `institutionskode`. */
const FILES: Readonly<Record<string, unknown>> = {
  'round.json': {
    $schema: '../../engine/round.schema.json',
    id: ROUND,
    title: 'Elevtal på skoler 2030',
    aar: 2030,
    tidszone: 'Europe/Copenhagen',
    retsgrundlag: 'En prøvelov.',
    datoer: { indberetningFrist: '2030-06-30' },
    respondents: {
      table: 'institutioner',
      name: 'navn',
      attributes: { type: { title: 'Skoletype' } },
      words: { da: { one: 'institution', many: 'institutioner' }, en: { one: 'institution', many: 'institutions' } },
    },
    tables: { institutioner: { file: 'institutioner.csv', key: 'institutionskode' } },
    forms: [{ name: FORM, title: 'Opgørelse af elevtal', schema: `${FORM}.schema.json`, ui: `${FORM}.ui.json`, frist: 'indberetningFrist' }],
  },
  [`${FORM}.schema.json`]: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://indberet.dk/schemas/${ROUND}/${FORM}.schema.json`,
    title: 'Opgørelse af elevtal',
    type: 'object',
    required: ['institutionskode', 'elever'],
    additionalProperties: false,
    properties: {
      institutionskode: { type: 'string', title: 'Institution', 'x-respondent-key': true, 'x-options': { table: 'institutioner', label: 'navn' } },
      elever: { type: 'integer', title: 'Antal elever', minimum: 0 },
      bemaerkning: { type: 'string', title: 'Bemærkning' },
    },
  },
  [`${FORM}.ui.json`]: { 'ui:order': ['institutionskode', 'elever', 'bemaerkning'] },
};

let schemasDir: string;
let registry: Registry;
beforeAll(async () => {
  schemasDir = await mkdtemp(path.join(tmpdir(), 'indberet-other-round-'));
  const dir = path.join(schemasDir, ROUND);
  await mkdir(dir);
  for (const [name, content] of Object.entries(FILES)) await writeFile(path.join(dir, name), `${JSON.stringify(content, null, 2)}\n`);
  await writeFile(path.join(dir, 'institutioner.csv'), `${INSTITUTIONS.join('\n')}\n`);
  registry = await loadRounds(schemasDir);
});
afterAll(async () => {
  await rm(schemasDir, { recursive: true, force: true });
});

describe('the respondent key and population as round data', () => {
  it('reads the other round\'s population and key field through the engine', () => {
    const round = registry.round(ROUND)!;
    const population = respondentsOf(round);
    if ('error' in population) throw new Error(population.error);
    expect(population.list.map((r) => [r.key, r.name])).toEqual([
      ['S001', 'Skolen ved Søen'],
      ['S003', 'Bakkeskolen'],
      ['S005', 'Åskolen'],
      ['S007', 'Engskolen'],
    ]);
    expect(population.words).toEqual({ one: 'institution', many: 'institutioner' });
    expect(respondentKeyField(round.forms.get(FORM)!.schema)).toBe('institutionskode');
  });

  it('writes the code into the form\'s own key field, refuses another respondent\'s, and writes nothing without a key field', () => {
    const schema = registry.round(ROUND)!.forms.get(FORM)!.schema;
    expect(bindRespondent({ elever: 1 }, 'S003', schema)).toEqual({ ok: true, answers: { elever: 1, institutionskode: 'S003' } });
    for (const empty of ['', '  ', null]) {
      expect(bindRespondent({ institutionskode: empty, elever: 1 }, 'S003', schema)).toEqual({ ok: true, answers: { institutionskode: 'S003', elever: 1 } });
    }
    expect(bindRespondent({ institutionskode: 'S003' }, 'S003', schema)).toEqual({ ok: true, answers: { institutionskode: 'S003' } });
    expect(bindRespondent({ institutionskode: 'S005' }, 'S003', schema)).toEqual({
      ok: false,
      code: 'RESPONDENT_MISMATCH',
      params: { field: 'institutionskode', named: 'S005', own: 'S003' },
    });
    // Not a string is not "empty" either: it names something other than the login.
    expect(bindRespondent({ institutionskode: 5 }, 'S003', schema)).toMatchObject({ ok: false, code: 'RESPONDENT_MISMATCH', params: { named: '5' } });
    // The old behaviour wrote a field of the municipalities' form into every form; not any more.
    expect(bindRespondent({ kommunekode: 'S005', elever: 1 }, 'S003', schema)).toEqual({ ok: true, answers: { kommunekode: 'S005', elever: 1, institutionskode: 'S003' } });
    const keyless = { type: 'object', properties: { elever: { type: 'integer' } } };
    expect(bindRespondent({ elever: 1 }, 'S003', keyless)).toEqual({ ok: true, answers: { elever: 1 } });
    expect(forceOrganisation({ institutionskode: 'S005' }, 'S003', schema)).toEqual({ institutionskode: 'S003' });
  });

  it('has a Danish message and a 403 for the refusal', () => {
    expect(ERRORS.RESPONDENT_MISMATCH.status).toBe(403);
    expect(renderMessage('RESPONDENT_MISMATCH', { named: 'S005', own: 'S003' })).toBe(
      'Indberetningen er for en anden respondent (S005) end den, du er logget ind som (S003). Intet er gemt.',
    );
  });
});

forEachDialect('a round of another kind', (t) => {
  const clock = createTestClock('2030-05-01T10:00:00Z');
  const deps = (): WorkflowDeps => ({ db: t.db, registry, clock: clock.now });
  const org: Record<string, { id: string; actor: Actor }> = {};

  /** Every stored row that could hold an answer, to show a refusal wrote nothing. */
  const stored = async () => ({
    submissions: await t.db.selectFrom('submissions').selectAll().orderBy('id').execute(),
    versions: await t.db.selectFrom('submission_versions').selectAll().orderBy('submission_id').orderBy('version').execute(),
    audit: await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  });

  it('seeds its organisations from the round\'s respondent table, named as the table names them', async () => {
    expect(await seedRounds(deps())).toMatchObject({ ok: true, inserted: [ROUND] });
    expect(await seedOrganisations(deps(), ROUND)).toEqual({ ok: true, added: 4 });
    expect(await seedOrganisations(deps(), ROUND)).toEqual({ ok: true, added: 0 });
    const rows = await t.db.selectFrom('organisations').select(['code', 'navn']).orderBy('code').execute();
    expect(rows).toEqual([
      { code: 'S001', navn: 'Skolen ved Søen' },
      { code: 'S003', navn: 'Bakkeskolen' },
      { code: 'S005', navn: 'Åskolen' },
      { code: 'S007', navn: 'Engskolen' },
    ]);
    // Each is a respondent of this round (and of no other).
    const members = await t.db.selectFrom('round_respondents').select(['round_id']).execute();
    expect(members.map((m) => m.round_id)).toEqual([ROUND, ROUND, ROUND, ROUND]);
    // No municipality word on another population's units.
    const units = await t.db.selectFrom('units').select('navn').orderBy('navn').execute();
    expect(units.map((u) => u.navn)).toEqual(['Bakkeskolen', 'Engskolen', 'Skolen ved Søen', 'Åskolen']);
    for (const code of ['S003', 'S005']) {
      const o = await t.db.selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const u = await createUser(deps(), { email: `${code.toLowerCase()}@skole.dk`, navn: code, role: 'respondent', code: code, password: PASSWORD, actorId: null });
      if (!u.ok) throw new Error(u.code);
      org[code] = { id: o.id, actor: { id: u.user.id, role: 'respondent', organisationId: o.id } };
    }
  });

  it('refuses a draft by A naming B, and stores nothing', async () => {
    const a = org.S003!;
    const before = await stored();
    const r = await saveDraft(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { institutionskode: 'S005', elever: 12 }, ifMatch: 0 });
    expect(r).toEqual({ ok: false, code: 'RESPONDENT_MISMATCH', params: { field: 'institutionskode', named: 'S005', own: 'S003' } });
    expect(await stored()).toEqual(before);
  });

  it('refuses a submission by A naming B, and stores nothing', async () => {
    const a = org.S003!;
    const before = await stored();
    const r = await submit(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { institutionskode: 'S005', elever: 12 }, ifMatch: 0 });
    expect(r).toMatchObject({ ok: false, code: 'RESPONDENT_MISMATCH', params: { named: 'S005', own: 'S003' } });
    expect(await stored()).toEqual(before);
  });

  it('writes A\'s code into a draft and a submission that name nobody', async () => {
    const a = org.S003!;
    const d = await saveDraft(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { elever: 12 }, ifMatch: 0 });
    if (!d.ok) throw new Error(d.code);
    expect(d.submission.answers).toEqual({ elever: 12, institutionskode: 'S003' });
    expect(d.issues).toEqual([]);
    const s = await submit(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { institutionskode: '', elever: 13 }, ifMatch: 1 });
    if (!s.ok) throw new Error(s.code);
    expect(s.submission).toMatchObject({ status: 'submitted', version: 2, organisationId: a.id, answers: { institutionskode: 'S003', elever: 13 } });
    const row = await t.db.selectFrom('submissions').select('answers').where('id', '=', s.submission.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.answers)).toEqual({ institutionskode: 'S003', elever: 13 });
  });

  it('keeps B\'s report B\'s: A neither reads nor changes it', async () => {
    const a = org.S003!;
    const b = org.S005!;
    const bDraft = await saveDraft(deps(), { actor: b.actor, roundId: ROUND, formName: FORM, organisationId: b.id, answers: { elever: 400, bemaerkning: 'Bs hemmelighed' }, ifMatch: 0 });
    if (!bDraft.ok) throw new Error(bDraft.code);
    expect(bDraft.submission.answers).toMatchObject({ institutionskode: 'S005' });
    const bBefore = await t.db.selectFrom('submissions').selectAll().where('organisation_id', '=', b.id).executeTakeFirstOrThrow();
    // A's own report is A's only.
    const mine = await getOwnSubmission(t.db, { roundId: ROUND, formName: FORM, organisationId: a.id });
    expect(mine?.answers).toEqual({ institutionskode: 'S003', elever: 13 });
    expect(JSON.stringify(mine)).not.toContain('hemmelighed');
    // Writing in B's name, as a draft or a submission, with new answers or at B's version: refused.
    for (const ifMatch of [0, 1, 2]) {
      const d = await saveDraft(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { institutionskode: 'S005', elever: 1 }, ifMatch });
      expect(d).toMatchObject({ ok: false, code: 'RESPONDENT_MISMATCH' });
      const s = await submit(deps(), { actor: a.actor, roundId: ROUND, formName: FORM, organisationId: a.id, answers: { institutionskode: 'S005', elever: 1 }, ifMatch });
      expect(s).toMatchObject({ ok: false, code: 'RESPONDENT_MISMATCH' });
    }
    expect(await t.db.selectFrom('submissions').selectAll().where('organisation_id', '=', b.id).executeTakeFirstOrThrow()).toEqual(bBefore);
    const bVersions = await t.db.selectFrom('submission_versions').select(['version', 'answers']).where('submission_id', '=', bBefore.id).execute();
    expect(bVersions.map((v) => JSON.parse(v.answers))).toEqual([{ elever: 400, bemaerkning: 'Bs hemmelighed', institutionskode: 'S005' }]);
  });

  describe('over HTTP', () => {
    let server: TestServer;
    let a: TestClient;
    let b: TestClient;
    beforeAll(async () => {
      server = await startTestServer({ db: t.db, registry, clock: clock.now });
      a = server.client();
      b = server.client();
      expect((await a.login('s003@skole.dk', PASSWORD)).status).toBe(200);
      expect((await b.login('s005@skole.dk', PASSWORD)).status).toBe(200);
    });
    afterAll(async () => {
      await server.close();
    });

    it('answers A naming B with 403 RESPONDENT_MISMATCH, and A cannot read B\'s report by id', async () => {
      const theirs = await b.request('GET', OWN);
      expect(theirs.status).toBe(200);
      const bId = theirs.body.submission.id as string;
      const bVersion = theirs.body.submission.version as number;
      const before = await stored();

      const put = await a.request('PUT', OWN, { json: { answers: { institutionskode: 'S005', elever: 1 } }, headers: { 'if-match': `"${bVersion}"` } });
      expect(put.status).toBe(403);
      expect(put.body).toEqual({
        code: 'RESPONDENT_MISMATCH',
        message: 'Indberetningen er for en anden respondent (S005) end den, du er logget ind som (S003). Intet er gemt.',
      });
      const post = await a.request('POST', `${OWN}/submit`, { json: { answers: { institutionskode: 'S005', elever: 1 } }, headers: { 'if-match': '"2"' } });
      expect(post.status).toBe(403);
      expect(post.body.code).toBe('RESPONDENT_MISMATCH');
      expect(await stored()).toEqual(before);

      const byId = await a.request('GET', `/api/submissions/${bId}`);
      expect(byId.status).toBe(404);
      expect(byId.text).not.toContain('hemmelighed');
      const own = await a.request('GET', OWN);
      expect(own.body.submission.answers).toEqual({ institutionskode: 'S003', elever: 13 });
    });
  });
});

forEachDialect('seeding the 2024 municipalities', (t) => {
  it('stores the 98 organisations by code and name with a unit each, all respondents of the round', async () => {
    const reg = await testRegistry();
    const deps: WorkflowDeps = { db: t.db, registry: reg, clock: () => new Date('2024-01-01T00:00:00Z') };
    expect(await seedRounds(deps)).toMatchObject({ ok: true });
    expect(await seedOrganisations(deps, '2024')).toEqual({ ok: true, added: 98 });
    // Computed here from the same table rows the round reads.
    const table = reg.round('2024')!.tables.kommuner!;
    const expected = Object.entries(table)
      .map(([kode, row]) => ({ code: kode, navn: row.navn ?? kode, unit: `${row.navn ?? kode} Kommune` }))
      .sort((x, y) => x.code.localeCompare(y.code));
    const rows = await t.db
      .selectFrom('organisations as o')
      .innerJoin('units as u', 'u.organisation_id', 'o.id')
      .innerJoin('round_respondents as rr', 'rr.organisation_id', 'o.id')
      .select(['o.code', 'o.navn', 'u.navn as unit'])
      .where('rr.round_id', '=', '2024')
      .orderBy('o.code')
      .execute();
    expect(rows).toHaveLength(98);
    expect(rows).toEqual(expected);
    expect(rows.find((r) => r.code === '0147')).toEqual({ code: '0147', navn: 'Frederiksberg', unit: 'Frederiksberg Kommune' });
  });
});
