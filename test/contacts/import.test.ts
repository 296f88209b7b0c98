import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildContactTemplate,
  commitContactImport,
  boardLabels,
  contactColumns,
  formatRowError,
  importContactFile,
  listContacts,
  readContactSheet,
} from '../../engine/contacts/index.ts';
import type { Registry } from '../../engine/index.ts';
import { verifyAuditChain, type WorkflowDeps } from '../../engine/workflows/index.ts';
import { createTestClock, forEachDialect, seedTestData, testRegistry } from '../helpers/index.ts';
import { contactFor, filledContactSheet, rowOf } from './contact-sheet.ts';

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

describe('contact-list template', () => {
  it('has one row per municipality with its code as text and its name, and the form\'s titles as headings', async () => {
    const bytes = await buildContactTemplate(registry.round('2024')!, registry.form('2024', 'kontaktliste')!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('Kontaktliste')!;
    expect(sheet.rowCount).toBe(99);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Kommunekode',
      'Kommunenavn',
      'Regional placering',
      'Kontaktpersonens navn',
      'Kontaktpersonens e-mail',
      'Kontaktpersonens telefonnummer',
    ]);
    expect(sheet.getRow(2).getCell('A').value).toBe('0101');
    expect(sheet.getRow(2).getCell('B').value).toBe('København');
    const codes = new Set<string>();
    for (let r = 2; r <= 99; r++) codes.add(String(sheet.getRow(r).getCell('A').value));
    expect([...codes].sort()).toEqual(Object.keys(registry.round('2024')!.tables.kommuner!).sort());
    expect(sheet.getRow(2).getCell('C').dataValidation?.formulae?.[0]).toContain('Region Hovedstaden');
    // Read back untouched, nothing is filled in: every row is blank, none is an error.
    const read = await readContactSheet(bytes, 'skabelon.xlsx', contactColumns(registry.form('2024', 'kontaktliste')!, boardLabels(registry.round('2024')!)));
    expect(read.ok && read.rows.length).toBe(98);
  });
});

forEachDialect('contact-list import', (t) => {
  let deps: WorkflowDeps;
  beforeAll(async () => {
    const clock = createTestClock('2024-02-01T09:00:00Z');
    deps = { db: t.db, registry, clock: clock.now };
    await seedTestData(deps);
  });
  const count = async () => (await listContacts(t.db, '2024')).filter((c) => c.contact).length;

  it('names the three bad rows of a 98-row XLSX by row and column in Danish, and imports nothing', async () => {
    let rows: number[] = [];
    const bytes = await filledContactSheet(registry, (sheet) => {
      rows = [rowOf(sheet, '0147'), rowOf(sheet, '0151'), rowOf(sheet, '0253')];
      sheet.getRow(rows[0]!).getCell('E').value = 'frederiksberg-kontakt';
      sheet.getRow(rows[1]!).getCell('C').value = 'Region Nordjylland';
      sheet.getRow(rows[2]!).getCell('D').value = null;
    });
    const r = await importContactFile(deps, { roundId: '2024', filename: 'kontakter.xlsx', bytes, onlyValid: false, actorId: null });
    if ('ok' in r) throw new Error(r.code);
    expect(r.status).toBe('pending');
    expect(r.total).toBe(98);
    expect(r.validCount).toBe(95);
    expect(r.invalidRows).toEqual([...rows].sort((a, b) => a - b));
    expect(r.errors.map((e) => [e.row, e.column, e.header])).toEqual(
      expect.arrayContaining([
        [rows[0], 'E', 'Kontaktpersonens e-mail'],
        [rows[1], 'C', 'Regional placering'],
        [rows[2], 'D', 'Kontaktpersonens navn'],
      ]),
    );
    expect(r.errors).toHaveLength(3);
    const lines = r.errors.map(formatRowError);
    expect(lines).toContain(`Række ${rows[1]}, kolonne C (Regional placering): Kommunen ligger ikke i den valgte region.`);
    expect(lines.find((l) => l.startsWith(`Række ${rows[0]}, kolonne E`))).toMatch(/e-mail/i);
    expect(lines.find((l) => l.startsWith(`Række ${rows[2]}, kolonne D`))).toMatch(/skal udfyldes/);
    expect(await count()).toBe(0);
  });

  it('imports the 95 valid rows when the ministry chooses so, and only once', async () => {
    const bytes = await filledContactSheet(registry, (sheet) => {
      sheet.getRow(rowOf(sheet, '0147')).getCell('E').value = 'frederiksberg-kontakt';
      sheet.getRow(rowOf(sheet, '0151')).getCell('C').value = 'Region Nordjylland';
      sheet.getRow(rowOf(sheet, '0253')).getCell('D').value = null;
    });
    const held = await importContactFile(deps, { roundId: '2024', filename: 'kontakter.xlsx', bytes, onlyValid: false, actorId: null });
    if ('ok' in held) throw new Error(held.code);
    expect(await count()).toBe(0);
    const done = await commitContactImport(deps, { importId: held.id, actorId: null });
    if ('ok' in done) throw new Error(done.code);
    expect(done.status).toBe('imported');
    expect(done.imported).toBe(95);
    expect(await count()).toBe(95);
    const contacts = await listContacts(t.db, '2024');
    expect(contacts.find((c) => c.code === '0147')!.contact).toBeNull();
    expect(contacts.find((c) => c.code === '0101')!.contact).toMatchObject({ navn: 'Kontakt København', email: 'kontakt.0101@kommune0101.dk' });
    const again = await commitContactImport(deps, { importId: held.id, actorId: null });
    expect(again).toMatchObject({ ok: false, code: 'IMPORT_DECIDED' });
  });

  it('imports all 98 once the three rows are fixed', async () => {
    const bytes = await filledContactSheet(registry);
    const r = await importContactFile(deps, { roundId: '2024', filename: 'kontakter-rettet.xlsx', bytes, onlyValid: false, actorId: null });
    if ('ok' in r) throw new Error(r.code);
    expect(r).toMatchObject({ status: 'imported', total: 98, validCount: 98, imported: 98, errors: [] });
    // 95 were already there, unchanged; the three fixed rows are new.
    expect(r.changed).toBe(3);
    expect(await count()).toBe(98);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('reads a semicolon CSV in Windows-1252 with codes typed as numbers and regions by name', async () => {
    const c = contactFor(registry, '0101');
    const csv = `Kommunekode;Kommunenavn;Regional placering;Kontaktpersonens navn;Kontaktpersonens e-mail\r\n101;København;${c.regionsnavn};Søren Æbelø;soeren@kk.dk\r\n`;
    const r = await importContactFile(deps, { roundId: '2024', filename: 'kontakter.csv', bytes: Buffer.from(csv, 'latin1'), onlyValid: false, actorId: null });
    if ('ok' in r) throw new Error(r.code);
    expect(r).toMatchObject({ status: 'imported', imported: 1 });
    const kbh = (await listContacts(t.db, '2024', '0101'))[0]!;
    expect(kbh.contact).toMatchObject({ navn: 'Søren Æbelø', email: 'soeren@kk.dk' });
  });

  it('names a municipality listed twice on its later row', async () => {
    const csv = 'Kommunekode,Regional placering,Kontaktpersonens navn,Kontaktpersonens e-mail\n0147,1084,A,a@f.dk\n0147,1084,B,b@f.dk\n';
    const r = await importContactFile(deps, { roundId: '2024', filename: 'dobbelt.csv', bytes: Buffer.from(csv), onlyValid: false, actorId: null });
    if ('ok' in r) throw new Error(r.code);
    expect(r.status).toBe('pending');
    expect(r.errors.map(formatRowError)).toEqual(['Række 3, kolonne A (Kommunekode): Koden 0147 står allerede i række 2. Hver kode må kun stå én gang.']);
  });

  it('refuses a file it cannot read, or one without the form\'s columns, with a Danish reason', async () => {
    const broken = await importContactFile(deps, { roundId: '2024', filename: 'x.xlsx', bytes: Buffer.from('PK\u0003\u0004 ikke et regneark'), onlyValid: false, actorId: null });
    expect(broken).toMatchObject({ ok: false, code: 'FILE_UNREADABLE' });
    const noEmail = await importContactFile(deps, {
      roundId: '2024',
      filename: 'x.csv',
      bytes: Buffer.from('Kommunekode;Regional placering;Kontaktpersonens navn\n0147;1084;A\n'),
      onlyValid: false,
      actorId: null,
    });
    expect(noEmail).toMatchObject({ ok: false, code: 'FILE_UNREADABLE' });
    expect((noEmail as unknown as { params: { reason: string } }).params.reason).toContain('"Kontaktpersonens e-mail"');
  });
});
