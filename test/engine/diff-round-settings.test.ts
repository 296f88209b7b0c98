import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyRound, diffRoundSettings } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function indberet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/indberet.js'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function editJson(file: string, edit: (json: Record<string, any>) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

const forms = [
  { name: 'kontaktliste', title: 'Kontaktliste', schema: 'kontaktliste.schema.json' },
  { name: 'maaltal', title: 'Måltal', schema: 'maaltal.schema.json' },
];

describe('diffRoundSettings', () => {
  it('lists every changed, added and removed key by JSON Pointer with old and new value', () => {
    const before = { id: '2024', datoer: { frist: '2024-05-31', slut: '2024-06-30' }, ligelig: { minimum: { '2': 1 } }, 'a/b': 1, forms };
    const after = { id: '2025', datoer: { frist: '2025-05-31' }, ligelig: { minimum: { '2': 1, '3': 1 } }, 'a/b': 2, forms, forrigeRunde: '2024' };
    expect(diffRoundSettings(before, after)).toEqual([
      { kind: 'changed', pointer: '/id', from: '2024', to: '2025', breaking: false, message: 'ændret fra "2024" til "2025"' },
      { kind: 'changed', pointer: '/datoer/frist', from: '2024-05-31', to: '2025-05-31', breaking: false, message: 'ændret fra "2024-05-31" til "2025-05-31"' },
      { kind: 'removed', pointer: '/datoer/slut', from: '2024-06-30', breaking: false, message: 'fjernet (var "2024-06-30")' },
      { kind: 'added', pointer: '/ligelig/minimum/3', to: 1, breaking: false, message: 'tilføjet: 1' },
      { kind: 'changed', pointer: '/a~1b', from: 1, to: 2, breaking: false, message: 'ændret fra 1 til 2' },
      { kind: 'added', pointer: '/forrigeRunde', to: '2024', breaking: false, message: 'tilføjet: "2024"' },
    ]);
    expect(diffRoundSettings(before, structuredClone(before))).toEqual([]);
  });

  it('matches forms by name: a removed form breaks, a new one, a changed title and a new order do not', () => {
    const after = [{ name: 'maaltal', title: 'Måltal og politik', schema: 'maaltal.schema.json' }, { name: 'ny', title: 'Ny', schema: 'ny.schema.json' }];
    expect(diffRoundSettings({ forms }, { forms: after }).map((c) => [c.kind, c.pointer, c.breaking, c.message])).toEqual([
      ['removed', '/forms/0', true, 'formularen "kontaktliste" er fjernet; svarene i den følger ikke med'],
      ['changed', '/forms/0/title', false, 'ændret fra "Måltal" til "Måltal og politik"'],
      ['added', '/forms/1', false, 'formularen "ny" er tilføjet'],
    ]);
    expect(diffRoundSettings({ forms }, { forms: [...forms].reverse() })).toEqual([
      { kind: 'changed', pointer: '/forms', from: ['kontaktliste', 'maaltal'], to: ['maaltal', 'kontaktliste'], breaking: false, message: 'rækkefølgen er ændret fra kontaktliste, maaltal til maaltal, kontaktliste' },
    ]);
  });

  it('calls a removed table breaking, a changed or added one not', () => {
    const tables = { kommuner: { file: 'kommuner.csv', key: 'kode' }, regioner: { file: 'regioner.csv', key: 'kode' } };
    const changes = diffRoundSettings({ tables }, { tables: { kommuner: { file: 'kommuner.csv', key: 'kommunekode' }, nye: { file: 'nye.csv', key: 'k' } } });
    expect(changes.map((c) => [c.kind, c.pointer, c.breaking, c.message])).toEqual([
      ['changed', '/tables/kommuner/key', false, 'ændret fra "kode" til "kommunekode"'],
      ['removed', '/tables/regioner', true, 'tabellen "regioner" er fjernet'],
      ['added', '/tables/nye', false, 'tabellen "nye" er tilføjet'],
    ]);
    expect(diffRoundSettings({ tables }, {})).toMatchObject([{ kind: 'removed', pointer: '/tables', breaking: true }]);
  });

  it('cuts two long texts to where they differ', () => {
    const long = 'Måltal og politikker for kønssammensætning i kommunernes øverste ledelse, indberetning for';
    const [change] = diffRoundSettings({ title: `${long} 2024` }, { title: `${long} 2025` });
    expect(change).toMatchObject({ from: `${long} 2024`, to: `${long} 2025`, message: 'ændret fra …lse, indberetning for 2024" til …lse, indberetning for 2025"' });
  });
});

describe('indberet round diff lists round.json changes', () => {
  it('prints each change by pointer, exits 1 for a removed table or form, and puts them in --json', async () => {
    // Next year's round from the newest in schemas/.
    const dir = await copySchemas();
    await editJson(path.join(dir, '2025', 'round.json'), (r) => (r.tables.ekstra = { file: 'ekstra.csv', key: 'k' }));
    await writeFile(path.join(dir, '2025', 'ekstra.csv'), 'k,v\n1,a\n');
    await copyRound(dir, '2025', '2026');
    await editJson(path.join(dir, '2026', 'round.json'), (r) => {
      r.datoer.indberetningFrist = '2026-06-30';
      r.maksimalHorisontAar = 5;
      delete r.tables.ekstra;
    });
    const text = await indberet(['round', 'diff', '2025', '2026', '--schemas', dir]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('round.json: 11 ændringer\n');
    expect(text.stdout).toContain('  ændrer   /datoer/indberetningFrist: ændret fra "2025-05-31" til "2026-06-30"\n');
    expect(text.stdout).toContain('  ændrer   /maksimalHorisontAar: ændret fra 4 til 5\n');
    expect(text.stdout).toContain('  BRYDER   /tables/ekstra: tabellen "ekstra" er fjernet\n');
    expect(text.stdout).toContain('  ændrer   /forrigeRunde: ændret fra "2024" til "2025"\n');

    // A removed form: the JSON output stays one JSON document.
    await editJson(path.join(dir, '2026', 'round.json'), (r) => (r.forms = r.forms.filter((f: { name: string }) => f.name !== 'kontaktliste')));
    const json = await indberet(['round', 'diff', '2025', '2026', '--schemas', dir, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(Object.keys(parsed)).toEqual(['maaltal', 'round.json', 'reports.json']);
    expect(parsed['round.json']).toContainEqual(expect.objectContaining({ kind: 'removed', pointer: '/forms/0', form: 'kontaktliste', breaking: true }));
    expect(parsed['round.json']).toContainEqual(expect.objectContaining({ kind: 'removed', pointer: '/tables/ekstra', table: 'ekstra', breaking: true }));
  });
});
