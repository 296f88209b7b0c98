import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRegistry } from '../helpers/index.ts';
import { filledContactSheet, rowOf } from './contact-sheet.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** Runs `indberet …` as its own process on a SQLite file in `dir`, with no SMTP server (outbox). */
async function indberet(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, INDBERET_DATA_DIR: dir, DATABASE_URL: '', SMTP_URL: '' };
  try {
    const r = await run(process.execPath, ['bin/indberet.js', ...args], { cwd: ROOT, env });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('indberet contacts, credentials and remind', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'indberet-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the template with the 98 municipalities', async () => {
    const out = path.join(dir, 'skabelon.xlsx');
    const r = await indberet(dir, 'contacts', 'template', '--round', '2024', '--out', out);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('98 kommuner');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Kontaktliste')!.rowCount).toBe(99);
  });

  it('imports nothing from a list with errors (exit 1, rows named), 95 with --kun-gyldige, then sends logins and reminders to the outbox', async () => {
    const registry = await testRegistry();
    let bad = 0;
    const file = path.join(dir, 'kontakter.xlsx');
    await writeFile(
      file,
      await filledContactSheet(registry, (sheet) => {
        bad = rowOf(sheet, '0860');
        sheet.getRow(bad).getCell('E').value = 'hjørring';
        sheet.getRow(rowOf(sheet, '0849')).getCell('E').value = 'jammerbugt';
        sheet.getRow(rowOf(sheet, '0851')).getCell('E').value = 'aalborg';
      }),
    );
    const held = await indberet(dir, 'contacts', 'import', '--round', '2024', file);
    expect(held.code, held.out).toBe(1);
    expect(held.out).toContain(`Række ${bad}, kolonne E (Kontaktpersonens e-mail):`);
    expect(held.out).toContain('Intet er importeret.');
    const valid = await indberet(dir, 'contacts', 'import', '--round', '2024', '--kun-gyldige', file);
    expect(valid.code, valid.out).toBe(0);
    expect(valid.out).toContain('95 kontaktpersoner er importeret');
    const sent = await indberet(dir, 'credentials', 'send', '--round', '2024');
    expect(sent.code, sent.out).toBe(0);
    expect(sent.out).toContain('95 nye logins oprettet');
    expect(sent.out).toContain('95 mails sendt via udbakke');
    const reminded = await indberet(dir, 'remind', '--round', '2024', '--batch', 'foerste');
    expect(reminded.code, reminded.out).toBe(0);
    expect(reminded.out).toContain('95 påmindelser oprettet');
    expect((await readdir(path.join(dir, 'udbakke'))).length).toBe(190);
  }, 120_000);

  it('answers a wrong call with its usage and exit code 2', async () => {
    const r = await indberet(dir, 'credentials', 'resend', '--round', '2024');
    expect(r.code).toBe(2);
    expect(r.out).toContain('Brug: indberet credentials');
  });
});
