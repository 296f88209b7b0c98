import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../engine/db/index.ts';
import { loadRounds } from '../../engine/node.ts';
import { copyStoredRound, publishRound, readRoundSources, saveRoundFiles } from '../../engine/rounds/index.ts';
import { createTestClock, SCHEMAS_DIR, seedTestData } from '../helpers/index.ts';
import { editMaaltalSchema, editMaaltalUi } from './edit-maaltal.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

describe('indberet round with a round published in the admin pages (SQLite)', () => {
  let dataDir: string;
  let schemas: string;
  let hash: string;

  async function indberet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const env = { ...process.env, DATABASE_URL: '', INDBERET_DATA_DIR: dataDir };
      const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, 'bin/indberet.js'), ...args], { cwd: ROOT, env });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'indberet-round-cli-'));
    schemas = path.join(dataDir, 'schemas');
    await cp(SCHEMAS_DIR, schemas, { recursive: true });
    const handle = createDatabase({ dataDir });
    try {
      expect((await handle.migrate()).ok).toBe(true);
      const registry = await loadRounds(SCHEMAS_DIR);
      const clock = createTestClock('2026-01-10T10:00:00Z');
      const deps = { db: handle.db, registry, clock: clock.now, schemasDir: SCHEMAS_DIR };
      const ids = await seedTestData(deps);
      expect((await copyStoredRound(deps, { fromId: '2025', toId: '2026', actorId: ids.admin })).ok).toBe(true);
      const src = (await readRoundSources(deps, '2026'))!.sources;
      const files = { 'maaltal.schema.json': editMaaltalSchema(src['maaltal.schema.json']!), 'maaltal.ui.json': editMaaltalUi(src['maaltal.ui.json']!) };
      expect((await saveRoundFiles(deps, { roundId: '2026', files, ifVersion: 1, actorId: ids.admin })).ok).toBe(true);
      const r = await publishRound(deps, { roundId: '2026', ifVersion: 2, actorId: ids.admin });
      if (!r.ok) throw new Error(r.code);
      hash = r.hash;
    } finally {
      await handle.destroy();
    }
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('diffs and dry-runs a round that exists only in the database', async () => {
    const diff = await indberet(['round', 'diff', '2025', '2026', '--schemas', schemas]);
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('tilføjer /kontakt/fuldtNavn: omdøbt fra /kontakt/navn');
    expect(diff.stdout).toContain('tilføjer /kontakt/stilling: nyt valgfrit felt');
    const dry = await indberet(['round', 'dry-run', '2026', '--schemas', schemas]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('maaltal: 0 af 0 svar fra 2025 er gyldige i 2026');
    expect((await indberet(['round', 'diff', '2025', '2099', '--schemas', schemas])).code).toBe(2);
  });

  it('exports it to a folder that lints and hashes the same, and refuses to overwrite', async () => {
    const out = await indberet(['round', 'export', '2026', '--schemas', schemas]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Runde 2026 (offentliggjort, hash ${hash})`);
    expect((await readdir(path.join(schemas, '2026'))).sort()).toEqual(
      ['kommuner.csv', 'kontaktliste.schema.json', 'kontaktliste.ui.json', 'mails', 'maaltal.schema.json', 'maaltal.ui.json', 'regioner.csv', 'reports.json', 'round.json', 'templates'].sort(),
    );
    // The mail texts travel with the round, so a round made in the admin pages can send logins.
    expect((await readdir(path.join(schemas, '2026', 'mails'))).sort()).toEqual(['adgang.hbs', 'paamindelse.hbs']);
    expect(JSON.parse(await readFile(path.join(schemas, '2026', 'maaltal.schema.json'), 'utf8')).properties.kontakt.properties.fuldtNavn['x-lineage']).toEqual({
      previous: '/kontakt/navn',
    });
    expect((await indberet(['lint', path.join(schemas, '2026')])).code).toBe(0);
    expect((await loadRounds(schemas)).round('2026')?.hash).toBe(hash);
    expect((await indberet(['round', 'export', '2026', '--schemas', schemas])).code).toBe(2);
    expect((await indberet(['round', 'export', '2031', '--schemas', path.join(dataDir, 'tom')])).code).toBe(2);
  });
});
