import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRounds } from '../../engine/node.ts';
import { copySchemas } from './copy-schemas.ts';

// Two women and three men on the two levels combined: equal under the 2024 table (5 → 2).
const answers = {
  kommunekode: '0147',
  enheder: [{ navn: 'Frederiksberg Kommune', niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 2, maend: 2 }, tidligereMaal: { status: 'intet' } }],
  kontakt: { navn: 'Mette Hansen', email: 'mette@frederiksberg.dk' },
};

async function verdict(edit?: (round: Record<string, any>) => void): Promise<unknown> {
  const dir = await copySchemas();
  if (edit) {
    const file = path.join(dir, '2024', 'round.json');
    const round = JSON.parse(await readFile(file, 'utf8'));
    edit(round);
    await writeFile(file, JSON.stringify(round, null, 2));
  }
  const form = (await loadRounds(dir)).form('2024', 'maaltal')!;
  return form.prepare(answers);
}

describe('the equal-composition rule reads the round table, not code', () => {
  it('is equal with the shipped table', async () => {
    expect((await verdict()) as any).toMatchObject({ enheder: [{ ligelig: true }] });
  });

  it('becomes not equal when the table asks for 3 of 5', async () => {
    const prepared = (await verdict((r) => (r.ligelig.minimum['5'] = 3))) as any;
    expect(prepared.enheder[0].ligelig).toBe(false);
    expect(prepared.enheder[0].underrepraesenteretKoen).toBe('kvinder');
    const form = (await loadRounds(await copySchemas())).form('2024', 'maaltal')!;
    expect(form.validate(answers).ok).toBe(true);
  });

  it('requires target and policy once the changed table makes the unit unequal', async () => {
    const dir = await copySchemas();
    const file = path.join(dir, '2024', 'round.json');
    const round = JSON.parse(await readFile(file, 'utf8'));
    round.ligelig.minimum['5'] = 3;
    await writeFile(file, JSON.stringify(round));
    const result = (await loadRounds(dir)).form('2024', 'maaltal')!.validate(answers);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['/enheder/0/maaltal', '/enheder/0/politik']);
  });

  it('moves the target-year horizon with the round data', async () => {
    const withTarget = structuredClone(answers) as any;
    withTarget.enheder[0].niveau2 = { kvinder: 0, maend: 4 };
    withTarget.enheder[0].maaltal = { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2030 };
    withTarget.enheder[0].politik = { findes: false, begrundelse: 'Under udarbejdelse.' };
    const dir = await copySchemas();
    const strict = (await loadRounds(dir)).form('2024', 'maaltal')!.validate(withTarget);
    expect(strict.ok).toBe(false);
    const file = path.join(dir, '2024', 'round.json');
    const round = JSON.parse(await readFile(file, 'utf8'));
    round.maksimalHorisontAar = 6;
    await writeFile(file, JSON.stringify(round));
    expect((await loadRounds(dir)).form('2024', 'maaltal')!.validate(withTarget).ok).toBe(true);
  });
});
