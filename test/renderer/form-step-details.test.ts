import { describe, expect, it } from 'vitest';
import { firstInputPath, issuesAtInputs } from '../../renderer/first-input-path.ts';
import { hideUnknownComputed } from '../../renderer/hide-unknown-computed.ts';
import { testRegistry } from '../helpers/index.ts';

type Shown = { enheder: Array<Record<string, unknown> & { niveau1: Record<string, unknown>; niveau2: Record<string, unknown> }> };

describe('computed answers before their figures are typed', () => {
  it('shows no verdict, share or total until every figure it is computed from is in', async () => {
    const form = (await testRegistry()).form('2024', 'maaltal')!;
    const empty = form.prepare({ kommunekode: '0147', enheder: [{ navn: 'Frederiksberg', niveau1: {}, niveau2: {} }] });
    const shown = hideUnknownComputed(form.schema, empty) as Shown;
    const unit = shown.enheder[0]!;
    for (const k of ['kvinder', 'maend', 'antal', 'andelKvinder', 'ligelig', 'underrepraesenteretKoen']) expect(unit[k], k).toBeUndefined();
    expect(unit.niveau1.ligelig).toBeUndefined();
    expect(unit.niveau1.antal).toBeUndefined();
    expect(unit.navn).toBe('Frederiksberg');

    // Level 1 typed, level 2 not: level 1's own figures show, the unit's wait.
    const half = form.prepare({ kommunekode: '0147', enheder: [{ navn: 'Frederiksberg', niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 1 } }] });
    const partly = (hideUnknownComputed(form.schema, half) as Shown).enheder[0]!;
    expect(partly.niveau1.antal).toBe(1);
    expect(partly.niveau1.ligelig).toBe(false);
    expect(partly.niveau2.antal).toBeUndefined();
    expect(partly.ligelig).toBeUndefined();

    const full = form.prepare({ kommunekode: '0147', enheder: [{ navn: 'Frederiksberg', niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 1, maend: 4 } }] });
    expect(hideUnknownComputed(form.schema, full)).toBe(full);
    expect((full as Shown).enheder[0]!.ligelig).toBe(false);
  });

  it('gives the same answer for a unit seen before, and a fresh one for a unit that changed', async () => {
    const form = (await testRegistry()).form('2024', 'maaltal')!;
    const half = { navn: 'A', niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 1 } };
    const before = form.prepare({ kommunekode: '0101', enheder: [half, { ...half, navn: 'B' }] }) as Shown;
    const first = hideUnknownComputed(form.schema, before) as Shown;
    expect(first.enheder[1]!.ligelig).toBeUndefined();
    // The second unit's figures completed; the first unit is the same object as before.
    const after = { ...before, enheder: [before.enheder[0]!, (form.prepare({ kommunekode: '0101', enheder: [{ ...half, navn: 'B', niveau2: { kvinder: 1, maend: 4 } }] }) as Shown).enheder[0]!] };
    const second = hideUnknownComputed(form.schema, after) as Shown;
    expect(second.enheder[0]).toBe(first.enheder[0]);
    expect(second.enheder[0]!.ligelig).toBeUndefined();
    expect(second.enheder[1]!.ligelig).toBe(false);
    expect(second.enheder[1]!.antal).toBe(6);
  });
});

describe('a required group left empty', () => {
  it('is reported at its first input, not at the group', async () => {
    const form = (await testRegistry()).form('2024', 'maaltal')!;
    const r = form.validate({ kommunekode: '0147', enheder: [{ navn: 'Frederiksberg' }] });
    expect(r.ok).toBe(false);
    const group = r.ok ? undefined : r.issues.find((i) => i.path === '/enheder/0/niveau1');
    expect(group?.keyword).toBe('required');
    const moved = issuesAtInputs(form.schema, [group!]);
    expect(moved[0]!.path).toBe('/enheder/0/niveau1/kvinder');
    expect(moved[0]!.message).toBe(group!.message);
    expect(firstInputPath(form.schema, '/enheder/0/niveau1/maend')).toBe('/enheder/0/niveau1/maend');
  });
});
