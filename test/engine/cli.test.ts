import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
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

const fixture = (name: string): string => path.join(ROOT, 'test/fixtures/engine', name);

async function dataFile(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'indberet-cli-'));
  const file = path.join(dir, 'answer.json');
  await writeFile(file, JSON.stringify(JSON.parse(await readFile(fixture(name), 'utf8')).data));
  return file;
}

describe('indberet typegen --check', () => {
  it('passes on the committed types and fails after a schema edit', async () => {
    const ok = await indberet(['typegen', '--check']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);

    const dir = await copySchemas();
    const file = path.join(dir, '2024', 'maaltal.schema.json');
    const schema = JSON.parse(await readFile(file, 'utf8'));
    schema.properties.kontakt.properties.titel = { type: 'string', title: 'Stillingsbetegnelse' };
    await writeFile(file, JSON.stringify(schema, null, 2));
    // The ui orders every field, so the new one joins its order (lint refuses a ui:order that leaves one out).
    const uiFile = path.join(dir, '2024', 'maaltal.ui.json');
    const ui = JSON.parse(await readFile(uiFile, 'utf8'));
    ui.kontakt['ui:order'].push('titel');
    await writeFile(uiFile, JSON.stringify(ui, null, 2));
    const stale = await indberet(['typegen', '--check', '--schemas', dir]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('forældet');

    // Regenerating from the edited schemas makes the check pass again, and the new field is typed.
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'indberet-types-')), 'forms.ts');
    await cp(path.join(ROOT, 'engine/generated/forms.ts'), out);
    expect((await indberet(['typegen', '--schemas', dir, '--out', out])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('titel?: string');
    expect((await indberet(['typegen', '--check', '--schemas', dir, '--out', out])).code).toBe(0);
  });
});

describe('indberet validate', () => {
  it('exits 0 for a valid answer', async () => {
    const r = await indberet(['validate', '--round', '2024', '--form', 'maaltal', await dataFile('valid--maaltal--one-unit-not-equal.json')]);
    expect(r).toMatchObject({ code: 0, stdout: 'Gyldig.\n' });
  });

  it('exits 1 and prints the issues for an invalid answer, in Danish or English', async () => {
    const file = await dataFile('invalid--maaltal--target-year-beyond-horizon.json');
    const da = await indberet(['validate', '--round', '2024', '--form', 'maaltal', file]);
    expect(da.code).toBe(1);
    expect(da.stdout).toBe('/enheder/0/maaltal/aar: Målåret skal ligge fra 2024 til 2028. [x-rules:maalaar-horisont]\n');
    const en = await indberet(['validate', '--round', '2024', '--form', 'maaltal', '--lang', 'en', file]);
    expect(en.stdout).toBe('/enheder/0/maaltal/aar: The target year must be from 2024 to 2028. [x-rules:maalaar-horisont]\n');
  });

  it('exits 2 on usage errors, unknown forms and unreadable files', async () => {
    expect((await indberet(['validate', '--round', '2024'])).code).toBe(2);
    expect((await indberet(['validate', '--round', '2024', '--form', 'nope', fixture('valid--kontaktliste--complete.json')])).code).toBe(2);
    expect((await indberet(['validate', '--round', '2024', '--form', 'maaltal', '/nonexistent.json'])).code).toBe(2);
    expect((await indberet(['frobnicate'])).code).toBe(2);
  });
});

describe('indberet lint', () => {
  it('exits 0 for the shipped round', async () => {
    expect(await indberet(['lint', 'schemas/2024'])).toMatchObject({ code: 0, stdout: 'schemas/2024: ingen fejl\n' });
  });

  it('exits 1 and names file and pointer for a broken round, 2 for a missing folder', async () => {
    const dir = await copySchemas();
    const file = path.join(dir, '2024', 'kontaktliste.schema.json');
    const schema = JSON.parse(await readFile(file, 'utf8'));
    schema.properties.navn.minimun = 1;
    await writeFile(file, JSON.stringify(schema));
    const r = await indberet(['lint', path.join(dir, '2024')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/kontaktliste\.schema\.json#\/properties\/navn\/minimun: strict mode: unknown keyword: "minimun"/);
    expect((await indberet(['lint', '/nonexistent/2024'])).code).toBe(2);
  });
});

describe('indberet round', () => {
  it('copies a round, diffs it (exit 1 only for breaking changes) and refuses to overwrite', async () => {
    const dir = await copySchemas();
    // schemas/2025 was made by this copy from 2024 and edited in texts only: the diff is the copy's own.
    expect(await indberet(['round', 'diff', '2024', '2025', '--schemas', dir])).toMatchObject({
      code: 0,
      stdout: [
        'kontaktliste: ingen ændringer',
        'maaltal: ingen ændringer',
        // A copy moves the id, years, dates and the year in the titles on, and names its source.
        'round.json: 9 ændringer',
        '  ændrer   /id: ændret fra "2024" til "2025"',
        '  ændrer   /title: ændret fra "Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2024" til "Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2025"',
        '  ændrer   /x-en/title: ændret fra …icipal top management 2024" til …icipal top management 2025"',
        '  ændrer   /aar: ændret fra 2024 til 2025',
        '  ændrer   /indberetningsaar: ændret fra 2023 til 2024',
        '  ændrer   /datoer/kontaktlisteFrist: ændret fra "2024-02-12" til "2025-02-12"',
        '  ændrer   /datoer/loginUdsendt: ændret fra "2024-03-15" til "2025-03-15"',
        '  ændrer   /datoer/indberetningFrist: ændret fra "2024-05-31" til "2025-05-31"',
        '  tilføjer /forrigeRunde: tilføjet: "2024"',
        'reports.json: ingen ændringer',
        '',
      ].join('\n'),
    });
    expect((await indberet(['round', 'copy', '2024', '2025', '--schemas', dir])).code).toBe(2);
    // Next year's round from the newest.
    expect((await indberet(['round', 'copy', '2025', '2026', '--schemas', dir])).code).toBe(0);
    expect((await indberet(['round', 'copy', '2025', '2026', '--schemas', dir])).code).toBe(2);
    expect(await indberet(['round', 'diff', '2025', '2026', '--schemas', dir])).toMatchObject({
      code: 0,
      stdout: [
        'kontaktliste: ingen ændringer',
        'maaltal: ingen ændringer',
        'round.json: 9 ændringer',
        '  ændrer   /id: ændret fra "2025" til "2026"',
        '  ændrer   /title: ændret fra "Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2025" til "Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2026"',
        '  ændrer   /x-en/title: ændret fra …icipal top management 2025" til …icipal top management 2026"',
        '  ændrer   /aar: ændret fra 2025 til 2026',
        '  ændrer   /indberetningsaar: ændret fra 2024 til 2025',
        '  ændrer   /datoer/kontaktlisteFrist: ændret fra "2025-02-12" til "2026-02-12"',
        '  ændrer   /datoer/loginUdsendt: ændret fra "2025-03-15" til "2026-03-15"',
        '  ændrer   /datoer/indberetningFrist: ændret fra "2025-05-31" til "2026-05-31"',
        '  ændrer   /forrigeRunde: ændret fra "2024" til "2025"',
        'reports.json: ingen ændringer',
        '',
      ].join('\n'),
    });
    const file = path.join(dir, '2026', 'kontaktliste.schema.json');
    const schema = JSON.parse(await readFile(file, 'utf8'));
    schema.required.push('telefon');
    await writeFile(file, JSON.stringify(schema));
    const diff = await indberet(['round', 'diff', '2025', '2026', '--schemas', dir]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('  BRYDER  /telefon: feltet er blevet obligatorisk\n');
    expect((await indberet(['round', 'diff', '2024', '2031', '--schemas', dir])).code).toBe(2);
  });
});
