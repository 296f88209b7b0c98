import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRounds, type Registry } from '../../engine/node.ts';
import { contractHash } from '../../engine/rounds/index.ts';
import { createUser, saveDraft, seedOrganisations, seedRounds, submit, type Actor, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, SCHEMAS_DIR, validMaaltal } from '../helpers/index.ts';

/** Edits one file of the copied round and loads the rounds again. */
async function edited(dir: string, file: string, edit: (text: string) => string): Promise<Registry> {
  const p = path.join(dir, '2024', file);
  const before = await readFile(p, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  await writeFile(p, after);
  return loadRounds(dir);
}

forEachDialect('round contract', (t) => {
  // Each suite edits its own copy of the round.
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-contract-'));
    await cp(path.join(SCHEMAS_DIR, '2024'), path.join(dir, '2024'), { recursive: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const clock = createTestClock('2024-05-01T10:00:00Z');
  let registry: Registry;
  const deps = (): WorkflowDeps => ({ db: t.db, registry, clock: clock.now });
  let actor: Actor;
  let orgId: string;

  it('a draft freezes nothing: changed rules are still taken', async () => {
    registry = await loadRounds(dir);
    expect(await seedRounds(deps())).toMatchObject({ ok: true, inserted: ['2024'] });
    expect(await seedOrganisations(deps(), '2024')).toMatchObject({ ok: true });
    const u = await createUser(deps(), { email: 'a@frederiksberg.dk', navn: 'A', role: 'respondent', code: '0147', password: 'korrekt hest batteri', actorId: null });
    if (!u.ok) throw new Error(u.code);
    orgId = u.user.organisation_id!;
    actor = { id: u.user.id, role: 'respondent', organisationId: orgId };
    const d = await saveDraft(deps(), { actor, roundId: '2024', formName: 'maaltal', organisationId: orgId, answers: validMaaltal('0147'), ifMatch: 0 });
    expect(d.ok).toBe(true);
    const before = contractHash(registry.round('2024')!);
    registry = await edited(dir, 'round.json', (s) => s.replace('"maksimalHorisontAar": 4', '"maksimalHorisontAar": 5'));
    expect(contractHash(registry.round('2024')!)).not.toBe(before);
    expect(await seedRounds(deps())).toMatchObject({ ok: true, updated: ['2024'] });
  });

  it('after the first submitted answer, texts, ui hints, templates and dates stay correctable, each a new version', async () => {
    const s = await submit(deps(), { actor, roundId: '2024', formName: 'maaltal', organisationId: orgId, ifMatch: 1 });
    expect(s.ok).toBe(true);
    const contract = contractHash(registry.round('2024')!);
    const edits: [string, (s: string) => string][] = [
      ['maaltal.schema.json', (x) => x.replace('"title": "Kommune"', '"title": "Kommunen"')],
      ['maaltal.ui.json', (x) => x.replace('"Tilføj forvaltning"', '"Tilføj en forvaltning"')],
      ['round.json', (x) => x.replace('"indberetningFrist": "2024-05-31"', '"indberetningFrist": "2024-06-14"')],
      ['templates/notat.hbs', (x) => `${x}\n`],
    ];
    let version = 2;
    for (const [file, edit] of edits) {
      registry = await edited(dir, file, edit);
      expect(contractHash(registry.round('2024')!), file).toBe(contract);
      expect(await seedRounds(deps()), file).toMatchObject({ ok: true, updated: ['2024'] });
      version += 1;
      const row = await t.db.selectFrom('rounds').select(['hash', 'version', 'contract_hash']).where('id', '=', '2024').executeTakeFirstOrThrow();
      expect(row).toEqual({ hash: registry.round('2024')!.hash, version, contract_hash: contract });
    }
    const versions = await t.db.selectFrom('round_versions').select(['version', 'contract_hash']).where('round_id', '=', '2024').orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const audit = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'round.reloaded').orderBy('seq').execute();
    expect(audit.map((a) => JSON.parse(a.data).contractChanged)).toEqual([true, false, false, false, false]);
  });

  it('refuses a change of what answers are validated against: a rule, a constraint, round data a rule reads', async () => {
    const edits: [string, (s: string) => string][] = [
      ['round.json', (x) => x.replace('"andel": 0.4', '"andel": 0.5')],
      ['maaltal.schema.json', (x) => x.replace('"title": "Kommunen"', '"title": "Kommunen", "maxLength": 3')],
    ];
    for (const [file, edit] of edits) {
      const p = path.join(dir, '2024', file);
      const original = await readFile(p, 'utf8');
      registry = await edited(dir, file, edit);
      expect(await seedRounds(deps()), file).toMatchObject({ ok: true, frozen: ['2024'], updated: [] });
      await writeFile(p, original);
    }
    registry = await loadRounds(dir);
    expect(await seedRounds(deps())).toMatchObject({ ok: true, unchanged: ['2024'] });
  });
});
