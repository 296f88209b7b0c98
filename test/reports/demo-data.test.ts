import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, RoundLoadError, type Registry } from '../../engine/node.ts';
import { newId, verifyAuditChain } from '../../engine/workflows/index.ts';
import { createRng, fillDemoData, loadSubmittedReports } from '../../reports/index.ts';
import { respondentKeyField } from '../../reports/read-reports-input.ts';
import { respondentsOf, type RespondentPopulation } from '../../reports/respondents.ts';
import { syntheticAnswers } from '../../reports/synthetic-answers.ts';
import { forEachDialect, openTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { testRegistry } from '../helpers/test-registry.ts';

const NOW = new Date('2026-01-10T12:00:00Z');

function population(registry: Registry, roundId: string): RespondentPopulation {
  const p = respondentsOf(registry.round(roundId)!);
  if ('error' in p) throw new Error(p.error);
  return p;
}

forEachDialect('demo data for round 2024 through the save and submit workflows', (t) => {
  it('submits an answer the engine accepts for every municipality but the missing ones', async () => {
    const registry = await testRegistry();
    const deps = { db: t.db, registry, clock: () => NOW };
    const result = await fillDemoData(deps, { roundId: '2024', seed: 7, missing: 3 });
    expect(result).toMatchObject({ ok: true, forms: ['maaltal'], submitted: 95, skipped: 0 });
    if (!result.ok) return;
    expect(result.missing).toHaveLength(3);

    const kommuner = population(registry, '2024');
    const form = registry.form('2024', 'maaltal')!;
    const key = respondentKeyField(form)!;
    const reports = await loadSubmittedReports(t.db, '2024', 'maaltal');
    expect(reports.map((r) => r.respondent)).toEqual(kommuner.list.map((k) => k.key).filter((k) => !result.missing.includes(k)));
    for (const r of reports) {
      // What was stored is the engine's own value for the respondent: validating it again changes nothing.
      expect(form.validate(r.answers)).toEqual({ ok: true, value: r.answers });
      expect((r.answers as Record<string, unknown>)[key]).toBe(r.respondent);
      // Every report was submitted inside the reporting window, before the deadline.
      expect(r.submittedAt >= '2024-03-15').toBe(true);
      expect(r.submittedAt < '2024-05-31T22:00:00.000Z').toBe(true);
    }
    // A plausible population: the split municipalities report several units where the form lets
    // them, every other one exactly one, and both verdicts on the composition occur.
    const units = (k: string) => (reports.find((r) => r.respondent === k)?.answers as { enheder: { ligelig: boolean }[] } | undefined)?.enheder ?? [];
    const split = kommuner.list.filter((k) => k.attributes.delt_administrativ_ledelse === 'ja').map((k) => k.key);
    expect(split.some((k) => units(k).length > 1)).toBe(true);
    for (const k of kommuner.list) if (!split.includes(k.key) && !result.missing.includes(k.key)) expect(units(k.key)).toHaveLength(1);
    const all = kommuner.list.flatMap((k) => units(k.key));
    expect(all.some((u) => u.ligelig)).toBe(true);
    expect(all.some((u) => !u.ligelig)).toBe(true);

    // Running it again changes nothing; the audit log holds every save and submit, unbroken.
    expect(await fillDemoData(deps, { roundId: '2024', seed: 7, missing: 3 })).toMatchObject({ ok: true, submitted: 0, skipped: 95 });
    const audit = await t.db.selectFrom('audit_log').select('action').execute();
    expect(audit.filter((a) => a.action === 'submission.submitted')).toHaveLength(95);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('gives the same answers for the same seed, on SQLite as here', async () => {
    const registry = await testRegistry();
    const here = await loadSubmittedReports(t.db, '2024', 'maaltal');
    // The second run goes to a fresh SQLite file, so on the PostgreSQL pass the same seed is
    // shown to give the same data on both back ends.
    const other = await openTestDatabase('sqlite');
    try {
      await fillDemoData({ db: other.db, registry, clock: () => NOW }, { roundId: '2024', seed: 7, missing: 3 });
      const there = await loadSubmittedReports(other.db, '2024', 'maaltal');
      expect(there.map((r) => [r.respondent, r.submittedAt, r.answers])).toEqual(here.map((r) => [r.respondent, r.submittedAt, r.answers]));
    } finally {
      await other.destroy();
    }
  });
});

describe('synthetic answers for round 2024, without a database', () => {
  it('are valid for all 98 municipalities under several seeds, and repeat by seed', async () => {
    const registry = await testRegistry();
    const form = registry.form('2024', 'maaltal')!;
    const kommuner = population(registry, '2024');
    const today = new Date('2024-05-01T10:00:00Z');
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return kommuner.list.map((k) => syntheticAnswers(form, k, { rng, today }));
    };
    for (const seed of [1, 2, 3]) {
      const drawn = draw(seed);
      expect(drawn.filter((d) => !d.ok)).toEqual([]);
      for (const d of drawn) expect(form.validate(d.answers).ok).toBe(true);
      expect(draw(seed)).toEqual(drawn);
    }
    expect(draw(1)).not.toEqual(draw(2));
  });
});

// A round of another kind, written only as round files: other respondents (institutions, not
// municipalities), another form with an enum, bounded and unbounded integers, a date, a pattern,
// an array with a rule on its length read from the respondent table, a computed field, an if/then/else
// and a dependentRequired, and `x-demo` hints. Demo data must fill it with no code of its own.
const OTHER = '2030-skoler';
const SCHEMA_ID = `https://indberet.dk/schemas/${OTHER}/afdelinger.schema.json`;
const INSTITUTIONS = [
  ['101001', 'Aarhus Katedralskole', 'gymnasium', '1'],
  ['101002', 'Tech College Aalborg', 'erhvervsskole', '4'],
  ['101003', 'VUC Syd', 'vuc', '3'],
  ['101004', 'Ørestad Gymnasium', 'gymnasium', '2'],
  ['101005', 'Niels Brock', 'erhvervsskole', '5'],
  ['101006', 'Rybners', 'erhvervsskole', '2'],
] as const;

const otherRound = {
  id: OTHER,
  title: 'Afdelinger og udveksling på ungdomsuddannelserne 2030',
  aar: 2030,
  tidszone: 'Europe/Copenhagen',
  datoer: { aabning: '2030-02-01', frist: '2030-03-15' },
  respondents: {
    table: 'institutioner',
    name: 'navn',
    attributes: { type: { title: 'Institutionstype' } },
    words: { da: { one: 'institution', many: 'institutioner' } },
  },
  tables: { institutioner: { file: 'institutioner.csv', key: 'instnr' } },
  forms: [{ name: 'afdelinger', title: 'Afdelinger og udveksling', schema: 'afdelinger.schema.json', frist: 'frist' }],
};

const tableRule = (id: string, pathTo: string, op: string, left: unknown, column: string) => ({
  id,
  path: pathTo,
  rule: { [op]: [left, { var: [{ cat: ['$tables.institutioner.', { var: 'institution' }, `.${column}`] }] }] },
  message: { da: `Svaret passer ikke til institutionstabellen (${column}).`, en: `The answer does not match the institution table (${column}).` },
});

const otherSchema = (demo: Record<string, unknown> = { share: 0.6 }) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_ID,
  title: 'Afdelinger og udveksling',
  type: 'object',
  'x-prune': true,
  required: ['institution', 'institutionstype', 'opgjort', 'afdelinger', 'udveksling'],
  properties: {
    institution: { type: 'string', title: 'Institution', 'x-respondent-key': true, 'x-options': { table: 'institutioner', label: 'navn' } },
    institutionstype: { type: 'string', title: 'Institutionstype', enum: ['gymnasium', 'erhvervsskole', 'vuc'] },
    opgjort: { type: 'string', format: 'date', title: 'Opgjort den' },
    afdelinger: {
      type: 'array',
      title: 'Afdelinger',
      minItems: 1,
      maxItems: 6,
      'x-demo': { range: [1, 4] },
      items: {
        type: 'object',
        title: 'Afdeling',
        required: ['navn', 'elever', 'laerere'],
        properties: {
          navn: { type: 'string', title: 'Afdelingens navn', minLength: 2, maxLength: 60, 'x-demo': { values: ['{name}, afdeling {n}'] } },
          elever: { type: 'integer', title: 'Elever', minimum: 1, maximum: 3000, 'x-demo': { range: [50, 900] } },
          laerere: { type: 'integer', title: 'Lærere', minimum: 1 },
          elevPrLaerer: { type: 'number', title: 'Elever pr. lærer', readOnly: true, 'x-compute': { '/': [{ var: 'elever' }, { var: 'laerere' }] } },
        },
      },
    },
    udveksling: { type: 'boolean', title: 'Har institutionen udvekslingsaftaler?', 'x-demo': demo },
    hjemmeside: { type: 'string', format: 'uri', title: 'Hjemmeside' },
    webansvarlig: { type: 'string', format: 'email', maxLength: 254, title: 'Webansvarlig' },
    cvr: { type: 'string', title: 'CVR-nummer', pattern: '^[1-9][0-9]{7}$' },
  },
  dependentRequired: { hjemmeside: ['webansvarlig'] },
  if: { type: 'object', properties: { udveksling: { const: true } }, required: ['udveksling'] },
  then: { type: 'object', required: ['aftaler'], properties: { aftaler: { type: 'integer', title: 'Antal aftaler', minimum: 1, maximum: 20 } } },
  else: {
    type: 'object',
    required: ['begrundelse'],
    properties: { begrundelse: { type: 'string', title: 'Hvorfor har institutionen ingen aftaler?', minLength: 1, maxLength: 2000 } },
  },
  'x-rules': [
    tableRule('afdelinger-efter-tabel', 'afdelinger', '<=', { var: 'afdelinger.length' }, 'maks_afdelinger'),
    tableRule('type-efter-tabel', 'institutionstype', '==', { var: 'institutionstype' }, 'type'),
  ],
});

async function writeOtherRound(dir: string, schema: unknown): Promise<void> {
  const round = path.join(dir, OTHER);
  await mkdir(round, { recursive: true });
  await writeFile(path.join(round, 'round.json'), JSON.stringify(otherRound, null, 2));
  await writeFile(path.join(round, 'afdelinger.schema.json'), JSON.stringify(schema, null, 2));
  await writeFile(path.join(round, 'institutioner.csv'), ['instnr,navn,type,maks_afdelinger', ...INSTITUTIONS.map((r) => r.join(','))].join('\n') + '\n');
}

describe('demo data for a round of another kind, with no code of its own', () => {
  let dir: string;
  let registry: Registry;
  let t: TestDatabase;
  const AFTER = new Date('2030-06-01T12:00:00Z');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-demo-round-'));
    await writeOtherRound(path.join(dir, 'schemas'), otherSchema());
    registry = await loadRounds(path.join(dir, 'schemas'));
    t = await openTestDatabase('sqlite');
    // The engine's organisation seeding reads the municipality table by name (seedOrganisations),
    // so this round's institutions are stored here as the service would store any respondent.
    for (const [key, navn] of INSTITUTIONS) {
      await t.db
        .insertInto('organisations')
        .values({ id: newId(), code: key, navn, created_at: AFTER.toISOString() })
        .execute();
    }
  });
  afterAll(async () => {
    await t?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('fills it through the real workflows with answers the engine accepts', async () => {
    const result = await fillDemoData({ db: t.db, registry, clock: () => AFTER }, { roundId: OTHER, seed: 5, missing: 1 });
    expect(result).toMatchObject({ ok: true, forms: ['afdelinger'], submitted: 5, skipped: 0 });
    if (!result.ok) return;
    const form = registry.form(OTHER, 'afdelinger')!;
    const reports = await loadSubmittedReports(t.db, OTHER, 'afdelinger');
    expect(reports.map((r) => r.respondent)).toEqual(INSTITUTIONS.map((r) => r[0]).filter((k) => !result.missing.includes(k)));
    type Answer = {
      institution: string;
      institutionstype: string;
      opgjort: string;
      afdelinger: { navn: string; elever: number; laerere: number; elevPrLaerer: number }[];
      udveksling: boolean;
      aftaler?: number;
      begrundelse?: string;
    };
    for (const r of reports) {
      expect(form.validate(r.answers)).toEqual({ ok: true, value: r.answers });
      const a = r.answers as Answer;
      const [, navn, type, maks] = INSTITUTIONS.find((i) => i[0] === r.respondent)!;
      expect(a.institution).toBe(r.respondent);
      // The rules read from the respondent table held: the type and at most its number of departments.
      expect(a.institutionstype).toBe(type);
      expect(a.afdelinger.length).toBeLessThanOrEqual(Math.min(4, Number(maks)));
      expect(r.submittedAt >= '2030-02-01').toBe(true);
      expect(r.submittedAt < '2030-03-15T23:00:00.000Z').toBe(true);
      expect(a.opgjort).toMatch(/^20(29|30)-\d{2}-\d{2}$/);
      // The x-demo hints were followed; the computed field is the engine's.
      a.afdelinger.forEach((d, i) => {
        expect(d.navn).toBe(`${navn}, afdeling ${i + 1}`);
        expect(d.elever).toBeGreaterThanOrEqual(50);
        expect(d.elever).toBeLessThanOrEqual(900);
        expect(d.elevPrLaerer).toBe(d.elever / d.laerere);
      });
      // The then/else branch taken matches the answer, the other one is not there.
      if (a.udveksling) expect([a.aftaler !== undefined, a.begrundelse]).toEqual([true, undefined]);
      else expect([a.aftaler, typeof a.begrundelse]).toEqual([undefined, 'string']);
      expect(Object.keys(a)).not.toContain('kommunekode');
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('draws both branches, several departments where allowed and the same answers for the same seed', () => {
    const form = registry.form(OTHER, 'afdelinger')!;
    const institutions = population(registry, OTHER);
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => institutions.list.map((i) => syntheticAnswers(form, i, { rng, today: AFTER }))).flat();
    };
    const drawn = draw(9);
    expect(drawn.every((d) => d.ok)).toBe(true);
    expect(draw(9)).toEqual(drawn);
    const answers = drawn.map((d) => d.answers as { udveksling: boolean; afdelinger: unknown[]; hjemmeside?: string; webansvarlig?: string });
    expect(new Set(answers.map((a) => a.udveksling))).toEqual(new Set([true, false]));
    expect(answers.some((a) => a.afdelinger.length > 1)).toBe(true);
    // dependentRequired: a web site always comes with the one responsible for it.
    expect(answers.some((a) => a.hjemmeside !== undefined)).toBe(true);
    for (const a of answers) if (a.hjemmeside !== undefined) expect(a.webansvarlig).toMatch(/@.+\.invalid$/);
  });

  it('follows a share hint, and the lint refuses a malformed one', async () => {
    const always = await mkdtemp(path.join(tmpdir(), 'indberet-demo-round-'));
    try {
      await writeOtherRound(always, otherSchema({ share: 1 }));
      const form = (await loadRounds(always)).form(OTHER, 'afdelinger')!;
      const rng = createRng(1);
      for (const i of population(registry, OTHER).list) expect(syntheticAnswers(form, i, { rng, today: AFTER }).answers.udveksling).toBe(true);
      await writeOtherRound(always, otherSchema({ share: 2 }));
      await expect(loadRounds(always)).rejects.toBeInstanceOf(RoundLoadError);
      await writeOtherRound(always, otherSchema({ sahre: 0.5 }));
      await expect(loadRounds(always)).rejects.toBeInstanceOf(RoundLoadError);
    } finally {
      await rm(always, { recursive: true, force: true });
    }
  });
});

describe('demo data refuses what it cannot do', () => {
  it('names an unknown round and an unknown form', async () => {
    const registry = await testRegistry();
    const deps = { db: undefined as never, registry, clock: () => NOW };
    expect(await fillDemoData(deps, { roundId: '1999', seed: 1 })).toEqual({ ok: false, message: 'Runden "1999" findes ikke.' });
    expect(await fillDemoData(deps, { roundId: '2024', seed: 1, formName: 'findesikke' })).toEqual({ ok: false, message: 'Runden "2024" har ingen formular "findesikke".' });
  });
});
