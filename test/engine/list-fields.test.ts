import { describe, expect, it } from 'vitest';
import { listFields } from '../../engine/list-fields.ts';

describe('listFields', () => {
  it('follows a $ref whose fragment is percent-encoded, as ajv does', () => {
    const fields = listFields({
      $defs: { 'to ord': { type: 'object', title: 'Gruppe', required: ['a'], properties: { a: { type: 'string', title: 'A' } } } },
      type: 'object',
      required: ['g'],
      properties: { g: { $ref: '#/$defs/to%20ord' } },
    });
    expect(fields.map((f) => [f.path, f.schema.title, f.required, f.container])).toEqual([
      ['/g', 'Gruppe', 'always', true],
      ['/g/a', 'A', 'always', false],
    ]);
  });

  it('takes a renamed object\'s children along to their previous paths, unless a child names its own', () => {
    const niveau = { type: 'object', properties: { kvinder: { type: 'integer' }, maend: { type: 'integer', 'x-lineage': { previous: '/gammel/maend' } } } };
    const schema = {
      type: 'object',
      properties: {
        enheder: { type: 'array', 'x-lineage': { previous: '/units' }, items: { type: 'object', properties: { niveauTo: { ...niveau, 'x-lineage': { previous: '/units/*/niveau2' } } } } },
      },
    };
    const byPath = new Map(listFields(schema).map((f) => [f.path, f.previous]));
    expect(byPath.get('/enheder')).toBe('/units');
    expect(byPath.get('/enheder/*/niveauTo')).toBe('/units/*/niveau2');
    expect(byPath.get('/enheder/*/niveauTo/kvinder')).toBe('/units/*/niveau2/kvinder');
    expect(byPath.get('/enheder/*/niveauTo/maend')).toBe('/gammel/maend');
  });

  it('gives no previous path to a field that did not move', () => {
    const fields = listFields({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } });
    expect(fields.map((f) => f.previous)).toEqual([undefined, undefined]);
  });
});
