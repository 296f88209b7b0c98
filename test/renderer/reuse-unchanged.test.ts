import { describe, expect, it } from 'vitest';
import { reuseUnchanged } from '../../renderer/reuse-unchanged.ts';

describe('reuseUnchanged', () => {
  const unit = (navn: string, maend: number) => ({ navn, niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 1, maend } });

  it('shares every unchanged unit and level with the answers before, and copies only the changed path', () => {
    const prev = { kommunekode: '0101', enheder: [unit('A', 4), unit('B', 4), unit('C', 4)] };
    const next = structuredClone(prev);
    next.enheder[1]!.niveau2.maend = 5;
    const out = reuseUnchanged(prev, next);
    expect(out).toEqual(next);
    expect(out).not.toBe(prev);
    expect(out.enheder).not.toBe(prev.enheder);
    expect(out.enheder[0]).toBe(prev.enheder[0]);
    expect(out.enheder[2]).toBe(prev.enheder[2]);
    expect(out.enheder[1]).not.toBe(prev.enheder[1]);
    expect(out.enheder[1]!.niveau1).toBe(prev.enheder[1]!.niveau1);
    expect(out.enheder[1]!.niveau2).toEqual({ kvinder: 1, maend: 5 });
  });

  it('returns the answers before when nothing changed, and new answers where keys or items came or went', () => {
    const prev = { enheder: [unit('A', 4)], kontakt: { navn: 'K' } };
    expect(reuseUnchanged(prev, structuredClone(prev))).toBe(prev);
    const added = { ...structuredClone(prev), enheder: [unit('A', 4), unit('B', 1)] };
    const out = reuseUnchanged(prev, added);
    expect(out).toEqual(added);
    expect(out.enheder[0]).toBe(prev.enheder[0]);
    const dropped: Record<string, unknown> = { enheder: structuredClone(prev.enheder) };
    const less = reuseUnchanged(prev, dropped);
    expect(less).toEqual(dropped);
    expect(Object.keys(less)).toEqual(['enheder']);
    expect(less.enheder).toBe(prev.enheder);
    // A key that is present but undefined differs from one that is absent.
    const withUndefined = { ...structuredClone(prev), ekstra: undefined };
    expect(Object.hasOwn(reuseUnchanged(prev, withUndefined), 'ekstra')).toBe(true);
  });

  it('never takes a value of another type from the answers before', () => {
    expect(reuseUnchanged({ a: [1, 2] }, { a: { 0: 1, 1: 2 } })).toEqual({ a: { 0: 1, 1: 2 } });
    expect(reuseUnchanged({ a: 1 }, { a: '1' })).toEqual({ a: '1' });
    expect(reuseUnchanged({ a: null }, { a: {} })).toEqual({ a: {} });
    expect(reuseUnchanged(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});
