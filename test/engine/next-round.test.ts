import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryOver, copyRound, CopyRoundError, diffForms, dryRun, lintRound, loadRounds, readRoundFiles } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

const fixture = async (name: string): Promise<unknown> =>
  JSON.parse(await readFile(path.resolve(import.meta.dirname, '../fixtures/engine', name), 'utf8')).data;

/** Copies the newest round, 2025, to 2026 and applies the year's edits to the maaltal form and its ui. */
async function round2026(edit: (schema: Record<string, any>) => void, editUi: (ui: Record<string, any>) => void = () => {}): Promise<string> {
  const dir = await copySchemas();
  await copyRound(dir, '2025', '2026');
  for (const [name, change] of [['maaltal.schema.json', edit], ['maaltal.ui.json', editUi]] as const) {
    const file = path.join(dir, '2026', name);
    const json = JSON.parse(await readFile(file, 'utf8'));
    change(json);
    await writeFile(file, JSON.stringify(json, null, 2));
  }
  return dir;
}

const yearEdits = (s: Record<string, any>): void => {
  // Rename: the unit's name is now "enhedsnavn", declared through lineage.
  const enhed = s.$defs.enhed;
  enhed.properties = Object.fromEntries(
    Object.entries(enhed.properties).map(([k, v]) => (k === 'navn' ? ['enhedsnavn', { ...(v as object), 'x-lineage': { previous: '/enheder/*/navn' } }] : [k, v])),
  );
  enhed.required = enhed.required.map((r: string) => (r === 'navn' ? 'enhedsnavn' : r));
  // A new required question, a tighter bound, a removed field.
  s.properties.kontakt.properties.stilling = { type: 'string', title: 'Kontaktpersonens stilling', minLength: 1 };
  s.properties.kontakt.required.push('stilling');
  s.properties.enheder.maxItems = 12;
  delete s.properties.kontakt.properties.telefon;
};

/** The ui's order follows the year's edits: lint refuses a ui:order that names a gone field or leaves one out. */
const yearUiEdits = (ui: Record<string, any>): void => {
  ui.enheder.items['ui:order'] = ui.enheder.items['ui:order'].map((k: string) => (k === 'navn' ? 'enhedsnavn' : k));
  ui.kontakt['ui:order'] = ['navn', 'email', 'stilling'];
};

describe('a new round from the previous one', () => {
  it('copies the newest round, 2025, to 2026 with ids, years and dates moved on, and the copy lints clean', async () => {
    const dir = await copySchemas();
    await copyRound(dir, '2025', '2026');
    const round = JSON.parse(await readFile(path.join(dir, '2026', 'round.json'), 'utf8'));
    expect(round).toMatchObject({ id: '2026', aar: 2026, indberetningsaar: 2025, forrigeRunde: '2025' });
    expect(round.datoer).toEqual({ kontaktlisteFrist: '2026-02-12', loginUdsendt: '2026-03-15', indberetningFrist: '2026-05-31' });
    expect(round.title).toContain('2026');
    const { files } = await readRoundFiles(path.join(dir, '2026'));
    expect(lintRound(files!)).toEqual([]);
    const registry = await loadRounds(dir);
    expect(registry.rounds.map((r) => r.id)).toEqual(['2024', '2025', '2026']);
    expect(registry.current()?.id).toBe('2026');
    expect(registry.previous('2026')?.id).toBe('2025');
    expect(registry.previous('2025')?.id).toBe('2024');
    // A plain copy changes nothing in any form; 2025 itself asks what 2024 asked.
    for (const name of ['maaltal', 'kontaktliste']) {
      expect(diffForms(registry.form('2025', name)!.schema, registry.form('2026', name)!.schema)).toEqual([]);
      expect(diffForms(registry.form('2024', name)!.schema, registry.form('2025', name)!.schema)).toEqual([]);
    }
    await expect(copyRound(dir, '2025', '2026')).rejects.toThrow(CopyRoundError);
    await expect(copyRound(dir, '2024', '2025')).rejects.toThrow(CopyRoundError);
    await expect(copyRound(dir, '2023', '2027')).rejects.toThrow('runden 2023 findes ikke');
  });

  it('classes each change as breaking or additive, following lineage renames', async () => {
    const registry = await loadRounds(await round2026(yearEdits, yearUiEdits));
    const changes = diffForms(registry.form('2025', 'maaltal')!.schema, registry.form('2026', 'maaltal')!.schema);
    expect(changes.map((c) => [c.kind, c.path, c.breaking])).toEqual(
      expect.arrayContaining([
        ['renamed', '/enheder/*/enhedsnavn', false],
        ['constraint', '/enheder', true],
        ['added', '/kontakt/stilling', true],
        ['removed', '/kontakt/telefon', true],
      ]),
    );
    expect(changes).toHaveLength(4);
    expect(changes.find((c) => c.kind === 'constraint')).toMatchObject({ keyword: 'maxItems', from: 20, to: 12 });
    expect(changes.find((c) => c.kind === 'renamed')).toMatchObject({ previousPath: '/enheder/*/navn' });
  });

  it('calls loosened constraints and new optional fields additive', async () => {
    const registry = await loadRounds(
      await round2026((s) => {
        s.properties.enheder.maxItems = 30;
        s.properties.kontakt.properties.afdeling = { type: 'string', title: 'Afdeling' };
      }, (ui) => ui.kontakt['ui:order'].push('afdeling')),
    );
    const changes = diffForms(registry.form('2025', 'maaltal')!.schema, registry.form('2026', 'maaltal')!.schema);
    expect(changes.map((c) => [c.kind, c.path, c.breaking])).toEqual([
      ['constraint', '/enheder', false],
      ['added', '/kontakt/afdeling', false],
    ]);
  });

  it('carries last year\'s answers through the rename and counts what the new form rejects', async () => {
    const registry = await loadRounds(await round2026(yearEdits, yearUiEdits));
    const next = registry.form('2026', 'maaltal')!;
    const one = await fixture('valid--maaltal--one-unit-not-equal.json');
    const kbh = await fixture('valid--maaltal--koebenhavn-six-departments.json');
    const carried = carryOver(one, next.schema) as any;
    expect(carried.enheder[0].enhedsnavn).toBe('Frederiksberg Kommune');
    expect(carried.enheder[0].navn).toBeUndefined();
    expect(carried.kontakt.telefon).toBeUndefined();
    expect(carried.enheder[0].maaltal).toEqual((one as any).enheder[0].maaltal);

    const report = dryRun(
      [
        { label: '0147', answers: one },
        { label: '0101', answers: kbh },
      ],
      next,
    );
    expect(report).toMatchObject({ total: 2, valid: 0, invalid: 2 });
    expect(report.issues).toEqual([{ path: '/kontakt/stilling', keyword: 'required', message: '«Kontaktpersonens stilling» skal udfyldes.', count: 2 }]);

    // Once the new question is answered, last year's answers are valid again under the new form.
    const answered = { ...carried, kontakt: { ...carried.kontakt, stilling: 'HR-chef' } };
    expect(next.validate(answered).ok).toBe(true);
  });
});
