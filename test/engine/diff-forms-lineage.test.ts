import { describe, expect, it } from 'vitest';
import { diffForms, type JsonSchema } from '../../engine/index.ts';

const contact = (extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  title: 'Kontakt',
  required: ['navn'],
  properties: {
    navn: { type: 'string', title: 'Navn' },
    telefon: { type: 'string', title: 'Telefon', maxLength: 20 },
    adresse: { type: 'object', title: 'Adresse', properties: { by: { type: 'string', title: 'By' } } },
  },
  ...extra,
});
const form = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });

describe('diffForms follows a renamed object\'s children', () => {
  it('reports the object renamed and its unchanged children as nothing, not removed and added', () => {
    const changes = diffForms(form({ kontakt: contact() }), form({ kontaktperson: contact({ 'x-lineage': { previous: '/kontakt' } }) }));
    expect(changes).toEqual([
      { kind: 'renamed', path: '/kontaktperson', previousPath: '/kontakt', breaking: false, message: 'omdøbt fra /kontakt; felterne i den følger med' },
    ]);
  });

  it('compares each child with its old self under the old path', () => {
    const next = contact({ 'x-lineage': { previous: '/kontakt' } });
    (next.properties as Record<string, JsonSchema>).telefon = { type: 'string', title: 'Telefon', maxLength: 8 };
    const changes = diffForms(form({ kontakt: contact() }), form({ kontaktperson: next }));
    expect(changes.map((c) => [c.kind, c.path, c.previousPath, c.breaking])).toEqual([
      ['renamed', '/kontaktperson', '/kontakt', false],
      ['constraint', '/kontaktperson/telefon', '/kontakt/telefon', true],
    ]);
    expect(changes.some((c) => c.kind === 'added' || c.kind === 'removed')).toBe(false);
  });

  it('follows a renamed list into its items, and still reports a child\'s own rename and a dropped child', () => {
    const before = form({ enheder: { type: 'array', title: 'Enheder', items: contact() } });
    const item = contact();
    const props = item.properties as Record<string, JsonSchema>;
    props.fuldtNavn = { ...props.navn, 'x-lineage': { previous: '/enheder/*/navn' } };
    delete props.navn;
    delete props.telefon;
    item.required = ['fuldtNavn'];
    const after = form({ units: { type: 'array', title: 'Enheder', 'x-lineage': { previous: '/enheder' }, items: item } });
    expect(diffForms(before, after).map((c) => [c.kind, c.path, c.previousPath ?? null])).toEqual([
      ['renamed', '/units', '/enheder'],
      ['renamed', '/units/*/fuldtNavn', '/enheder/*/navn'],
      ['removed', '/enheder/*/telefon', null],
    ]);
  });
});
