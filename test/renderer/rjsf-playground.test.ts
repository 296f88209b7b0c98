/**
 * The sample forms of the rjsf playground (test/fixtures/rjsf-playground/, see its README there),
 * each made a round of its own and served by the service: a respondent opens every step page of
 * every sample through the real page route, first empty and then holding the sample's own answers.
 * A sample the round lint refuses is rendered through renderFormApp, as foreign-forms.test.ts does,
 * and the lint's refusal is asserted, so a sample that becomes a round form moves over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileForm, lintRound, loadRounds, readRoundFiles, type JsonSchema, type Registry } from '../../engine/node.ts';
import { createUser, saveDraft, seedOrganisations, seedRounds } from '../../engine/workflows/index.ts';
import { renderFormApp, stepsOf } from '../../renderer/index.ts';
import { createTestClock, forEachDialect, PASSWORD, startTestServer, type TestClient, type TestServer } from '../helpers/index.ts';
import { renderEveryStep, round2024 } from './helpers.ts';

const DIR = path.resolve(import.meta.dirname, '../fixtures/rjsf-playground');

interface Sample {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly uiSchema: JsonSchema;
  readonly formData: unknown;
}

const SAMPLES: readonly Sample[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Omit<Sample, 'name'>) }));

/** Samples the round lint refuses even with titles filled in, and why (the fixture README says the same). */
const NOT_ROUND_FORMS: Readonly<Record<string, RegExp>> = {
  // `type: ["string", "boolean"]`: round forms are compiled fully strict, without union types.
  allOf: /allowUnionTypes/,
  // `properties` at the root of a branch without `type: "object"`: strict types again.
  ifThenElse: /missing type "object"/,
  // Draft-07 (`items` as a list, `additionalItems`, `dependencies`): round forms are 2020-12.
  arrays: /must be object,boolean/,
  schemaDependencies: /must be object,boolean/,
  // Its uiSchema names a field `date` the schema does not have.
  nullable: /"date" er ikke et felt i skemaet/,
  // Its uiSchema styles fields `age`, `bio`, `password` and `date` the schema does not have.
  options: /"age" er ikke et felt i skemaet/,
  // The root is a string: the service stores answers as an object.
  single: /skemaets rod skal være "type": "object"/,
  'simple-2': /skemaets rod skal være "type": "object"/,
};

/**
 * Samples whose round says `"formats": "annotate"`: they use a format rjsf defines itself and
 * ajv-formats does not know (`data-url` for files), which a form that asserts formats may not use.
 */
const ANNOTATE = new Set(['files']);

const ROUND_SAMPLES = SAMPLES.filter((s) => !(s.name in NOT_ROUND_FORMS));
const OTHER_SAMPLES = SAMPLES.filter((s) => s.name in NOT_ROUND_FORMS);

const FORM = 'skema';
const RESPONDENT = { code: 'R1', email: 'svar@proeve.dk' };
const roundId = (name: string): string => `2030-${name.toLowerCase()}`;

/**
 * The sample's schema with a title on every field that has none, named after its key: the round lint
 * asks every field for a Danish title, and most samples leave titles out. Nothing else changes.
 */
function withTitles(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withTitles);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') out[k] = v;
    else if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(
        Object.entries(v).map(([p, s]) => {
          const titled = withTitles(s);
          return [p, titled && typeof titled === 'object' && !Array.isArray(titled) && !('title' in titled) ? { title: p, ...titled } : titled];
        }),
      );
    } else out[k] = withTitles(v);
  }
  return out;
}

/** Writes a round folder holding the sample as its one form, for one respondent (`R1`). */
async function writeRound(root: string, sample: Sample): Promise<string> {
  const id = roundId(sample.name);
  const dir = path.join(root, id);
  await mkdir(path.join(dir, 'mails'), { recursive: true });
  const settings = {
    $schema: '../../engine/round.schema.json',
    id,
    title: `rjsf-eksempel ${sample.name}`,
    tidszone: 'Europe/Copenhagen',
    datoer: { frist: '2030-12-31' },
    afsender: { navn: 'Prøvestyrelsen', email: 'proeve@styrelsen.dk' },
    service: { name: 'Prøveindberetning', basis: 'Ingen' },
    tables: { svarere: { file: 'svarere.csv', key: 'kode' } },
    respondents: { table: 'svarere', name: 'navn', words: { da: { one: 'svarer', many: 'svarere' } } },
    forms: [
      {
        name: FORM,
        title: `Eksempel ${sample.name}`,
        schema: `${FORM}.schema.json`,
        ui: `${FORM}.ui.json`,
        frist: 'frist',
        ...(ANNOTATE.has(sample.name) ? { formats: 'annotate' } : {}),
      },
    ],
  };
  const schema = { ...(withTitles(sample.schema) as JsonSchema), $id: `https://indberet.dk/schemas/${id}/${FORM}.schema.json` };
  await writeFile(path.join(dir, 'round.json'), JSON.stringify(settings, null, 2));
  await writeFile(path.join(dir, 'svarere.csv'), `kode,navn\n${RESPONDENT.code},Prøvesvareren\n`);
  await writeFile(path.join(dir, `${FORM}.schema.json`), JSON.stringify(schema, null, 2));
  await writeFile(path.join(dir, `${FORM}.ui.json`), JSON.stringify(sample.uiSchema, null, 2));
  await writeFile(path.join(dir, 'mails', 'adgang.hbs'), 'Log ind: {{link}}\n');
  await writeFile(path.join(dir, 'mails', 'paamindelse.hbs'), 'Husk fristen {{frist}}.\n');
  return dir;
}

/** Every string in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

/** Every string an `enum` or `const` anywhere in a schema allows. */
const enumerated = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap(enumerated)
    : v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => (k === 'enum' && Array.isArray(x) ? x.filter((e) => typeof e === 'string') : k === 'const' && typeof x === 'string' ? [x] : enumerated(x)))
      : [];
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What rjsf writes where it cannot render a part of the form. */
const RJSF_ERROR = /rjsf-config-error|unsupported-field/;

it('vendors the samples the README lists, and sorts each into one of the two tests', () => {
  const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
  for (const s of SAMPLES) expect(readme, s.name).toContain(`\`${s.name}.json\``);
  expect(ROUND_SAMPLES.length).toBeGreaterThan(10);
  expect(Object.keys(NOT_ROUND_FORMS).every((n) => SAMPLES.some((s) => s.name === n))).toBe(true);
});

forEachDialect('the rjsf playground samples, each a round, through the page route', (t) => {
  const clock = createTestClock('2030-03-01T08:00:00Z');
  let root: string;
  let registry: Registry;
  let server: TestServer;
  let client: TestClient;
  let actor: { id: string; role: 'respondent'; organisationId: string };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'indberet-rjsf-'));
    for (const s of ROUND_SAMPLES) await writeRound(root, s);
    registry = await loadRounds(root);
    const deps = { db: t.db, registry, clock: clock.now };
    const seeded = await seedRounds(deps);
    if (!seeded.ok) throw new Error(seeded.code);
    for (const round of registry.rounds) {
      const o = await seedOrganisations(deps, round.id);
      if (!o.ok) throw new Error(o.code);
    }
    const user = await createUser(deps, { email: RESPONDENT.email, navn: 'Prøvesvareren', role: 'respondent', code: RESPONDENT.code, password: PASSWORD, actorId: null });
    if (!user.ok) throw new Error(user.code);
    const org = await t.db.selectFrom('organisations').select('id').where('code', '=', RESPONDENT.code).executeTakeFirstOrThrow();
    actor = { id: user.user.id, role: 'respondent', organisationId: org.id };
    server = await startTestServer({ db: t.db, registry, clock: clock.now, config: { schemasDir: root } });
    client = server.client();
    expect((await client.login(RESPONDENT.email, PASSWORD)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** GETs every step page of the sample's form and checks each; returns the pages' HTML. */
  const everyStep = async (sample: Sample): Promise<string> => {
    const id = roundId(sample.name);
    const steps = stepsOf(registry.form(id, FORM)!).length;
    expect(steps).toBeGreaterThan(0);
    let html = '';
    for (let i = 1; i <= steps; i++) {
      const address = `/indberetning/${id}/${FORM}/trin/${i}`;
      const r = await client.request('GET', address);
      expect(r.status, address).toBe(200);
      expect(r.text, address).toContain('<form');
      expect(RJSF_ERROR.exec(r.text)?.[0], address).toBeUndefined();
      html += r.text;
    }
    return html;
  };

  it.each(ROUND_SAMPLES)('$name: every step page renders, empty and holding the sample\'s answers', async (sample) => {
    const id = roundId(sample.name);
    await everyStep(sample);
    const form = registry.form(id, FORM)!;
    // The sample's answers, stored as the respondent's draft, are shown on the pages (when the
    // product's verdict accepts them: some samples start with answers their own schema refuses).
    if (form.validate(sample.formData).ok) {
      const saved = await saveDraft({ db: t.db, registry, clock: clock.now }, { actor, roundId: id, formName: FORM, organisationId: actor.organisationId, answers: sample.formData, ifMatch: 0 });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      const html = await everyStep(sample);
      // Every text the sample answers with is on one of the pages, in the rendered markup: the page
      // data the browser hydrates from (in script elements) holds them all anyway and is left out.
      const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
      // A value chosen from an enum or a const shows as its option's title, not as itself.
      const chosen = new Set(enumerated(sample.schema));
      const typed = strings(sample.formData).filter((text) => !chosen.has(text));
      for (const text of typed) expect(markup, text).toContain(escapeHtml(text));
    }
  });
});

describe('rjsf playground samples that are not round forms', () => {
  it.each(OTHER_SAMPLES)('$name: the round lint refuses it, and renderFormApp renders every step', async (sample) => {
    const root = await mkdtemp(path.join(tmpdir(), 'indberet-rjsf-lint-'));
    try {
      const { files } = await readRoundFiles(await writeRound(root, sample));
      expect(lintRound(files!).map((i) => i.message).join('\n')).toMatch(NOT_ROUND_FORMS[sample.name]!);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    const { round } = await round2024();
    // The playground validates with ajv's default dialect, draft-07.
    const form = compileForm(sample.schema, { name: sample.name, ui: sample.uiSchema, dialect: 'draft-07' });
    expect(stepsOf(form).length).toBeGreaterThan(0);
    for (const html of renderEveryStep(form, round, [sample.formData])) {
      expect(html).toContain('<form');
      expect(RJSF_ERROR.exec(html)?.[0]).toBeUndefined();
    }
  });
});
