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
});
