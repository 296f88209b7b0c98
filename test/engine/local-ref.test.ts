import { describe, expect, it } from 'vitest';
import { atPointer, refPointer } from '../../engine/local-ref.ts';

describe('local references', () => {
  it('name a pointer only for "#" and "#/…", percent-decoded; anchors and other documents name none', () => {
    expect(refPointer('#')).toBe('');
    expect(refPointer('#/$defs/to%20ord')).toBe('/$defs/to ord');
    expect(refPointer('#/$defs/100%')).toBe('/$defs/100%');
    expect(refPointer('#navn')).toBeUndefined();
    expect(refPointer('andet.json#/a')).toBeUndefined();
    expect(refPointer(3)).toBeUndefined();
  });

  it('walk objects and arrays, unescaping ~1 and ~0', () => {
    const doc = { a: [{ 'b/c': { 'd~e': 1 } }] };
    expect(atPointer(doc, '')).toBe(doc);
    expect(atPointer(doc, '/a/0/b~1c/d~0e')).toBe(1);
    expect(atPointer(doc, '/a/1/x')).toBeUndefined();
    expect(atPointer(doc, '/a/0/b~1c/d~0e/f')).toBeUndefined();
  });
});
