import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import {
  checkRound,
  confirmPrefill,
  copyStoredRound,
  diffRound,
  dryRunRound,
  findPrefill,
  loadStoredRounds,
  prefillDraft,
  publishRound,
  readRoundSources,
  saveRoundFiles,
  storedValidators,
  type RoundsDeps,
} from '../../engine/rounds/index.ts';
import { saveDraft, submit, verifyAuditChain } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, SCHEMAS_DIR, seedTestData, validMaaltal } from '../helpers/index.ts';
import { editMaaltalSchema, editMaaltalUi } from './edit-maaltal.ts';

forEachDialect('rounds kept in the database', (t) => {
  const clock = createTestClock('2025-05-01T10:00:00Z');
  let registry: Registry;
  let deps: RoundsDeps;
  let ids: Awaited<ReturnType<typeof seedTestData>>;
  let frederiksberg: string;
  const lastYear = validMaaltal('0147', 'Frederiksberg Kommune');

  beforeAll(async () => {
    // A registry of its own: publishing puts rounds into it.
    registry = await loadRounds(SCHEMAS_DIR);
    deps = { db: t.db, registry, clock: clock.now, schemasDir: SCHEMAS_DIR };
    ids = await seedTestData(deps);
    frederiksberg = (await t.db.selectFrom('organisations').select('id').where('code', '=', '0147').executeTakeFirstOrThrow()).id;
    const actor = { id: ids.respondentA, role: 'respondent' as const, organisationId: frederiksberg };
    const saved = await saveDraft(deps, { actor, roundId: '2025', formName: 'maaltal', organisationId: frederiksberg, answers: lastYear, ifMatch: 0 });
    expect(saved.ok).toBe(true);
    const sent = await submit(deps, { actor, roundId: '2025', formName: 'maaltal', organisationId: frederiksberg, ifMatch: 1 });
    expect(sent.ok).toBe(true);
  });

  it('copies 2025 into a stored draft with ids, years and dates moved on; an existing id is refused', async () => {
    const r = await copyStoredRound(deps, { fromId: '2025', toId: '2026', actorId: ids.admin });
    expect(r).toEqual({ ok: true, id: '2026', version: 1 });
    const copy = await readRoundSources(deps, '2026');
    expect(copy?.origin).toBe('database');
    const settings = JSON.parse(copy!.sources['round.json']!);
    expect(settings).toMatchObject({ id: '2026', aar: 2026, indberetningsaar: 2025, forrigeRunde: '2025' });
    expect(settings.datoer.indberetningFrist).toBe('2026-05-31');
    expect(JSON.parse(copy!.sources['maaltal.schema.json']!).$id).toBe('https://indberet.dk/schemas/2026/maaltal.schema.json');
    expect(checkRound('2026', copy!.sources).issues).toEqual([]);
    expect(await copyStoredRound(deps, { fromId: '2025', toId: '2026', actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_EXISTS' });
    expect(await copyStoredRound(deps, { fromId: '2026', toId: '2025', actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_EXISTS' });
    expect(await copyStoredRound(deps, { fromId: '1999', toId: '2027', actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_NOT_FOUND' });
    expect(await copyStoredRound(deps, { fromId: '2025', toId: '../x', actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_FILE_NAME' });
  });

  it('saves edits with optimistic concurrency: a stale version writes nothing', async () => {
    const copy = (await readRoundSources(deps, '2026'))!;
    const files = { 'maaltal.schema.json': editMaaltalSchema(copy.sources['maaltal.schema.json']!), 'maaltal.ui.json': editMaaltalUi(copy.sources['maaltal.ui.json']!) };
    expect(await saveRoundFiles(deps, { roundId: '2026', files, ifVersion: 1, actorId: ids.admin })).toEqual({ ok: true, version: 2 });
    const stale = await saveRoundFiles(deps, { roundId: '2026', files: { 'maaltal.ui.json': '{}' }, ifVersion: 1, actorId: ids.admin });
    expect(stale).toMatchObject({ ok: false, code: 'ROUND_EDIT_CONFLICT', params: { expected: 1, current: 2 } });
    expect((await readRoundSources(deps, '2026'))!.sources['maaltal.ui.json']).toBe(files['maaltal.ui.json']);
    expect(await saveRoundFiles(deps, { roundId: '2026', files: { '../evil.json': '{}' }, ifVersion: 2, actorId: ids.admin })).toMatchObject({ code: 'ROUND_FILE_NAME' });
    expect(await saveRoundFiles(deps, { roundId: '2025', files: { 'round.json': '{}' }, ifVersion: 1, actorId: ids.admin })).toMatchObject({ code: 'ROUND_NOT_STORED' });
  });

  it('diffs the draft against 2025: the rename follows x-lineage, the new optional question is additive', async () => {
    const next = checkRound('2026', (await readRoundSources(deps, '2026'))!.sources).round!;
    const diff = diffRound(registry.round('2025')!, next);
    const maaltal = diff.forms.find((f) => f.name === 'maaltal')!;
    expect(maaltal.status).toBe('changed');
    expect(maaltal.changes.map((c) => [c.kind, c.path, c.previousPath ?? null, c.breaking])).toEqual([
      ['renamed', '/kontakt/fuldtNavn', '/kontakt/navn', false],
      ['added', '/kontakt/stilling', null, false],
    ]);
    expect(diff.forms.find((f) => f.name === 'kontaktliste')).toMatchObject({ status: 'unchanged', breaking: 0 });
    expect(diff.breaking).toBe(0);
    expect(diff.dates.map((d) => d.name).sort()).toEqual(['indberetningFrist', 'kontaktlisteFrist', 'loginUdsendt']);
    expect(diff.tables).toEqual([]);
  });

  it('dry-runs last year\'s submissions: valid under the additive edit, failing under a required new question', async () => {
    const sources = (await readRoundSources(deps, '2026'))!.sources;
    const additive = await dryRunRound(t.db, registry.round('2025')!, checkRound('2026', sources).round!);
    expect(additive.map((f) => [f.name, f.report.total, f.report.valid, f.report.invalid])).toEqual([
      ['kontaktliste', 0, 0, 0],
      ['maaltal', 1, 1, 0],
    ]);
    const original = (await readRoundSources(deps, '2025'))!.sources['maaltal.schema.json']!.replace('/2025/', '/2026/');
    const breaking = checkRound('2026', { ...sources, 'maaltal.schema.json': editMaaltalSchema(original, { requireNew: true }) }).round!;
    const diff = diffRound(registry.round('2025')!, breaking);
    expect(diff.breaking).toBe(1);
    expect(diff.forms.find((f) => f.name === 'maaltal')!.changes.find((c) => c.path === '/kontakt/stilling')).toMatchObject({ kind: 'added', breaking: true });
    const report = (await dryRunRound(t.db, registry.round('2025')!, breaking)).find((f) => f.name === 'maaltal')!.report;
    expect(report).toMatchObject({ total: 1, valid: 0, invalid: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ path: '/kontakt/stilling', keyword: 'required', count: 1 })]);
    expect(report.failures.map((f) => f.label)).toEqual(['0147']);
  });

  it('refuses to publish a round that does not lint, and names the problem', async () => {
    const broken = await copyStoredRound(deps, { fromId: '2025', toId: '2031', actorId: ids.admin });
    expect(broken.ok).toBe(true);
    await saveRoundFiles(deps, { roundId: '2031', files: { 'maaltal.schema.json': '{ "type": "object", ' }, ifVersion: 1, actorId: ids.admin });
    const r = await publishRound(deps, { roundId: '2031', ifVersion: 2, actorId: ids.admin });
    expect(r).toMatchObject({ ok: false, code: 'ROUND_INVALID' });
    expect(!r.ok && r.lint?.[0]).toMatchObject({ file: 'maaltal.schema.json', message: expect.stringContaining('ugyldig JSON') });
    expect(registry.round('2031')).toBeUndefined();
  });

  it('publishes: hash stored, validators generated, registry serves it, every later edit is refused', async () => {
    expect(await publishRound(deps, { roundId: '2026', ifVersion: 1, actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_EDIT_CONFLICT' });
    const r = await publishRound(deps, { roundId: '2026', ifVersion: 2, actorId: ids.admin });
    if (!r.ok) throw new Error(r.code);
    expect(registry.round('2026')?.hash).toBe(r.hash);
    expect(registry.current()?.id).toBe('2026');
    const row = await t.db.selectFrom('stored_rounds').selectAll().where('id', '=', '2026').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'published', hash: r.hash, published_by: ids.admin });
    expect((await t.db.selectFrom('rounds').select('hash').where('id', '=', '2026').executeTakeFirstOrThrow()).hash).toBe(r.hash);

    const refused = await saveRoundFiles(deps, { roundId: '2026', files: { 'maaltal.ui.json': '{}' }, ifVersion: 2, actorId: ids.admin });
    expect(refused).toMatchObject({ ok: false, code: 'ROUND_PUBLISHED' });
    expect(await publishRound(deps, { roundId: '2026', ifVersion: 2, actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_PUBLISHED' });
    expect((await readRoundSources(deps, '2026'))!.sources['maaltal.ui.json']).not.toBe('{}');
  });

  it('the generated validators module validates in the same way as the server', async () => {
    const mod = await storedValidators(t.db, '2026');
    expect(mod?.text).toMatch(/^\/\/ Generated from round 2026 \([0-9a-f]{64}\)\. DO NOT EDIT\./);
    // Self-contained (no imports to resolve in the browser) and nothing evaluated at run time.
    expect(/\bimport\s*[{*("']|\beval\(|new Function\(/.test(mod!.text)).toBe(false);
    const dir = await mkdtemp(path.join(tmpdir(), 'indberet-validators-'));
    try {
      const file = path.join(dir, 'v.mjs');
      await writeFile(file, mod!.text);
      const { forms } = (await import(pathToFileURL(file).href)) as { forms: Record<string, Record<string, (d: unknown) => boolean>> };
      const form = registry.form('2026', 'maaltal')!;
      const good = form.prepare({ ...lastYear, kontakt: { fuldtNavn: 'A', email: 'a@frederiksberg.dk' } });
      const bad = { ...(good as object), kontakt: { navn: 'A', email: 'a@frederiksberg.dk' } };
      expect(Object.keys(forms).sort()).toEqual(['kontaktliste', 'maaltal']);
      expect(forms.maaltal!['']!(good)).toBe(true);
      expect(forms.maaltal!['']!(bad)).toBe(false);
      expect(form.validate(good).ok).toBe(true);
      expect(form.validate(bad).ok).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prefills the municipality\'s draft once, through lineage, marked until confirmed', async () => {
    clock.set('2026-04-01T08:00:00Z');
    const key = { roundId: '2026', formName: 'maaltal', organisationId: frederiksberg };
    expect(await prefillDraft(deps, { ...key, actorId: ids.respondentA })).toEqual({ ok: true, prefilled: true });
    expect(await prefillDraft(deps, { ...key, actorId: ids.respondentA })).toMatchObject({ prefilled: false, reason: 'already-started' });
    const ballerup = (await t.db.selectFrom('organisations').select('id').where('code', '=', '0151').executeTakeFirstOrThrow()).id;
    expect(await prefillDraft(deps, { ...key, organisationId: ballerup, actorId: ids.respondentB })).toMatchObject({ prefilled: false, reason: 'no-earlier-answer' });
    expect(await prefillDraft(deps, { ...key, formName: 'kontaktliste', actorId: ids.respondentA })).toMatchObject({ prefilled: false, reason: 'no-earlier-answer' });

    const row = await t.db.selectFrom('submissions').selectAll().where('round_id', '=', '2026').where('organisation_id', '=', frederiksberg).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'draft', version: 1, form_name: 'maaltal', schema_hash: registry.form('2026', 'maaltal')!.hash, updated_by: ids.respondentA });
    const answers = JSON.parse(row.answers);
    expect(answers.kontakt).toEqual({ fuldtNavn: 'Kontakt Person', email: 'kontakt@example.dk' });
    expect(answers.enheder[0]).toMatchObject({ navn: 'Frederiksberg Kommune', niveau1: { kvinder: 0, maend: 1 }, antal: 6, ligelig: false });
    expect(registry.form('2026', 'maaltal')!.validate(answers).ok).toBe(true);

    expect(await findPrefill(t.db, key)).toMatchObject({ from_round_id: '2025', confirmed_at: null, submission_id: row.id });
    expect(await confirmPrefill(deps, { ...key, actorId: ids.respondentA })).toEqual({ ok: true, confirmedAt: '2026-04-01T08:00:00.000Z' });
    expect((await findPrefill(t.db, key))?.confirmed_by).toBe(ids.respondentA);
    expect(await confirmPrefill(deps, { ...key, organisationId: ballerup, actorId: ids.respondentB })).toMatchObject({ ok: false, code: 'PREFILL_NOT_FOUND' });

    const actions = (await t.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['round.copied', 'round.file_saved', 'round.published', 'submission.prefilled', 'submission.prefill_confirmed']));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('a correction is a new version, refused once the round it corrects has opened', async () => {
    const c = await copyStoredRound(deps, { fromId: '2026', toId: '2026-2', actorId: ids.admin });
    expect(c.ok).toBe(true);
    const settings = JSON.parse((await readRoundSources(deps, '2026-2'))!.sources['round.json']!);
    expect(settings).toMatchObject({ id: '2026-2', aar: 2026, forrigeRunde: '2025' });
    expect(await publishRound(deps, { roundId: '2026-2', ifVersion: 1, actorId: ids.admin })).toMatchObject({ ok: false, code: 'ROUND_CORRECTION_TOO_LATE', params: { corrected: '2026' } });
  });

  it('another instance loads the published round from the database at start-up', async () => {
    const fresh = await loadRounds(SCHEMAS_DIR);
    expect(fresh.round('2026')).toBeUndefined();
    expect(await loadStoredRounds({ db: t.db, registry: fresh })).toEqual({ ok: true, loaded: ['2026'] });
    expect(fresh.round('2026')?.hash).toBe(registry.round('2026')!.hash);
    expect(fresh.previous('2026')?.id).toBe('2025');
    // Loading again changes nothing; drafts (2031, 2026-2) are never served.
    expect(await loadStoredRounds({ db: t.db, registry: fresh })).toEqual({ ok: true, loaded: [] });
    expect(fresh.round('2031')).toBeUndefined();
  });
});
