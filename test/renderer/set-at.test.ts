import { describe, expect, it } from 'vitest';
import { setAt } from '../../renderer/set-at.ts';

describe('setAt', () => {
  const unit = (navn: string, maend: number) => ({ navn, niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 1, maend } });

  it('sets one value and copies only the objects and arrays on its path', () => {
    const before = { kommunekode: '0101', enheder: [unit('A', 4), unit('B', 4)] };
    const frozen = structuredClone(before);
    const after = setAt(before, ['enheder', 1, 'niveau2', 'maend'], 12) as typeof before;
    expect(after.enheder[1]!.niveau2.maend).toBe(12);
    expect(before).toEqual(frozen);
    expect(after.enheder[0]).toBe(before.enheder[0]);
    expect(after.enheder[1]!.niveau1).toBe(before.enheder[1]!.niveau1);
    expect(after.enheder[1]).not.toBe(before.enheder[1]);
    expect({ ...after, enheder: [after.enheder[0], { ...after.enheder[1], niveau2: { kvinder: 1, maend: 4 } }] }).toEqual(before);
  });

  it('leaves a cleared value out of an object, keeps it as null in an array, and makes the objects a new path needs', () => {
    const before = { kontakt: { navn: 'K', email: 'k@kk.dk' }, liste: ['a', 'b'] };
    expect(setAt(before, ['kontakt', 'email'], undefined)).toEqual({ kontakt: { navn: 'K' }, liste: ['a', 'b'] });
    expect(Object.keys((setAt(before, ['kontakt', 'email'], undefined) as typeof before).kontakt)).toEqual(['navn']);
    expect(setAt(before, ['liste', 0], undefined)).toEqual({ kontakt: before.kontakt, liste: [null, 'b'] });
    expect(setAt({}, ['kontakt', 'navn'], 'Ny')).toEqual({ kontakt: { navn: 'Ny' } });
    expect(setAt(undefined, ['a'], 1)).toEqual({ a: 1 });
    expect(setAt(before, [], 'hele')).toBe('hele');
  });
});
