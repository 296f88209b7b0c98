import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySchemas } from '../engine/copy-schemas.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function indberet(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/indberet.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('indberet demo-data and report on a fresh SQLite file', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-report-cli-'));
    env = { INDBERET_DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fills a round, renders the memo and writes the table in each format', async () => {
    const demo = await indberet(['demo-data', '--round', '2024', '--seed', '3', '--mangler', '2'], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/96 indberetninger indsendt, 0 fandtes allerede, uden indberetning: \d{4}, \d{4}\./);
    const missing = /uden indberetning: (\d{4}), (\d{4})/.exec(demo.stdout)!.slice(1);

    const out = path.join(dir, 'ud');
    const memo = await indberet(['report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', out, '--tidspunkt', '2024-06-14T10:00:00Z'], env);
    expect(memo.code).toBe(0);
    // The store is read page by page into the rows; the count says how many reports they stand on.
    expect(memo.stdout).toContain('(96 indberetninger)');
    const html = await readFile(path.join(out, 'notat-2024.html'), 'utf8');
    expect(html).toContain('<strong>96 af 98 kommuner</strong>');
    for (const code of missing) expect(html).toContain(`<tr><td>${code}</td>`);

    const csv = await indberet(['report', 'table', '--round', '2024', '--format', 'csv', '--out', out, '--base-url', 'https://lige.example/'], env);
    expect(csv.code).toBe(0);
    const rows = parseDanishCsv(await readFile(path.join(out, 'tabel-2024.csv'), 'utf8'));
    expect(rows[0]![0]).toBe('Kommunekode');
    const link = rows[0]!.indexOf('Link til indberetningen');
    expect(rows.find((r) => r[0] === '0147')![link]).toBe('https://lige.example/offentlig/2024/kommune/0147');
    const dictionary = parseDanishCsv(await readFile(path.join(out, 'tabel-dataordbog-2024.csv'), 'utf8'));
    expect(dictionary.length - 1).toBe(rows[0]!.length);

    const json = await indberet(['report', 'table', '--round', '2024', '--format', 'json', '--out', out], env);
    expect(json.code).toBe(0);
    const data = JSON.parse(await readFile(path.join(out, 'tabel-2024.json'), 'utf8')) as { raekker: unknown[]; kolonner: unknown[] };
    expect(data.raekker).toHaveLength(rows.length - 1);

    const xlsx = await indberet(['report', 'table', '--round', '2024', '--format', 'xlsx', '--out', out], env);
    expect(xlsx.code).toBe(0);
    expect((await readFile(path.join(out, 'tabel-2024.xlsx')).then((b) => b.subarray(0, 2).toString())) === 'PK').toBe(true);
  }, 180_000);

  it('renders from a file of reports without a database, validating each', async () => {
    const file = path.join(dir, 'svar.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          respondent: '0147',
          submittedAt: '2024-05-02T10:00:00Z',
          answers: {
            enheder: [{ navn: 'Frederiksberg Kommune', niveau1: { kvinder: 1, maend: 0 }, niveau2: { kvinder: 2, maend: 2 }, tidligereMaal: { status: 'intet' } }],
            kontakt: { navn: 'A', email: 'a@frb.dk' },
          },
        },
      ]),
    );
    // An earlier report of the same municipality, superseded by the one above: counted once.
    const entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
    await writeFile(file, JSON.stringify([...entries, { ...entries[0], submittedAt: '2024-05-02T11:30:00+02:00' }]));
    const out = path.join(dir, 'fil');
    const ok = await indberet(['report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', out, '--input', file], {});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('(1 indberetninger, 1 erstattet af en senere)');
    expect(await readFile(path.join(out, 'notat-2024.html'), 'utf8')).toContain('<strong>1 af 98 kommuner</strong>');
    await writeFile(file, JSON.stringify([{ respondent: '0147', submittedAt: '2024-05-02T10:00:00Z', answers: { enheder: [] } }]));
    const bad = await indberet(['report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', out, '--input', file], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('0147/enheder');
  });

  it('check passes on the shipped templates and names file and line in a round override', async () => {
    const ok = await indberet(['report', 'check'], {});
    expect(ok.code).toBe(0);
    // Without --round every round in schemas/ is checked: 2024 and 2025 both carry the full spec.
    for (const id of ['2024', '2025']) expect(ok.stdout).toContain(`Runde ${id}: rapportspecifikationen (38 tal, 42 kolonner, 2 diagrammer) og 6 skabeloner er i orden.`);
    const schemas = await copySchemas();
    await mkdir(path.join(schemas, '2024', 'templates'), { recursive: true });
    await writeFile(path.join(schemas, '2024', 'templates', 'notat.hbs'), '{{!-- kontekst: notat --}}\n<h1>{{runde.titel}}</h1>\n<p>{{figurer.andelKvinderne.vaerdi}}</p>\n');
    const bad = await indberet(['report', 'check', '--schemas', schemas], {});
    expect(bad.code).toBe(1);
    // The file is named relative to the working folder, wherever the checkout lives.
    expect(bad.stderr).toContain(`${path.relative(ROOT, path.join(schemas, '2024', 'templates', 'notat.hbs'))}:3: kolonne 6: ukendt felt "andelKvinderne"`);
    // One round's problem does not stop the check of the others.
    expect(bad.stdout).not.toContain('Runde 2024');
    expect(bad.stdout).toContain('Runde 2025: rapportspecifikationen');
  });

  it('says there is no data on a fresh data folder and leaves nothing behind', async () => {
    const fresh = path.join(dir, 'tom');
    const out = path.join(dir, 'tom-ud');
    const r = await indberet(['report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', out], { INDBERET_DATA_DIR: fresh });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Der er ingen data: databasen');
    expect(r.stderr).toContain('--input FIL.json');
    expect(r.stderr).not.toContain('no such table');
    await expect(readFile(path.join(fresh, 'indberet.sqlite'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(path.join(out, 'notat-2024.html'))).rejects.toThrow(/ENOENT/);
    const t = await indberet(['report', 'table', '--round', '2024', '--format', 'csv', '--out', out], { INDBERET_DATA_DIR: fresh });
    expect(t.code).toBe(1);
    await expect(readFile(path.join(fresh, 'indberet.sqlite'))).rejects.toThrow(/ENOENT/);

    // A database file no service has set up: the same clear answer, not "no such table".
    const empty = path.join(dir, 'tom-fil');
    await mkdir(empty, { recursive: true });
    new SQLite(path.join(empty, 'indberet.sqlite')).close();
    const e = await indberet(['report', 'render', '--round', '2024', '--template', 'notat', '--format', 'html', '--out', out], { INDBERET_DATA_DIR: empty });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('Der er ingen data: databasen er ikke sat op.');
    // Three command-line processes, each loading both rounds of schemas/: slow on a loaded machine, not stuck.
  }, 180_000);

  it('answers usage errors with exit code 2', async () => {
    expect((await indberet(['report', 'render', '--round', '2024', '--format', 'docx', '--out', dir], env)).code).toBe(2);
    expect((await indberet(['report', 'table', '--round', '1999', '--format', 'csv', '--out', dir], env)).code).toBe(2);
    expect((await indberet(['report', 'nope'], env)).code).toBe(2);
    expect((await indberet(['demo-data'], env)).code).toBe(2);
  });
});
