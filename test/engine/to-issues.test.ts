import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/node.ts';

describe('issue messages worked out once per schema location', () => {
  it('still name what differs between errors at the same place', () => {
    const form = compileForm({
      type: 'object',
      properties: { a: {}, b: {}, c: { title: 'Cee' }, d: { title: 'Dee' } },
      required: ['c', 'd'],
      dependentRequired: { a: ['c'], b: ['c'] },
    });
    const messages = (data: unknown, lang?: 'en') => {
      const r = form.validate(data, lang ? { lang } : {});
      return r.ok ? [] : r.issues.map((i) => `${i.path} ${i.keyword} ${i.message}`);
    };
    for (let round = 0; round < 2; round++) {
      expect(messages({ a: 1, d: 1 })).toEqual(['/c required «Cee» skal udfyldes.', '/c dependentRequired «Cee» skal udfyldes, når «a» er udfyldt.']);
      expect(messages({ b: 1, d: 1 })).toEqual(['/c required «Cee» skal udfyldes.', '/c dependentRequired «Cee» skal udfyldes, når «b» er udfyldt.']);
      expect(messages({ c: 1 })).toEqual(['/d required «Dee» skal udfyldes.']);
      expect(messages({ c: 1 }, 'en')).toEqual(['/d required «Dee» is required.']);
    }
  });

  it('name the field for dependencies, oneOf and propertyNames, at the field concerned', () => {
    const form = compileForm({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        kort: { title: 'Kortnummer', type: 'string' },
        adresse: { title: 'Adresse', type: 'string' },
        antal: { title: 'Antal', oneOf: [{ type: 'integer' }, { type: 'number', minimum: 1 }] },
        koen: { title: 'Køn', oneOf: [{ const: 'a' }, { const: 'b' }] },
      },
      dependencies: { kort: ['adresse'] },
      propertyNames: { pattern: '^[a-z]+$' },
    });
    const r = form.validate({ kort: 'x', antal: 2, koen: 'c', Forkert: 1 });
    expect(r.ok ? [] : r.issues.map((i) => `${i.path} ${i.keyword} ${i.message}`)).toEqual([
      '/Forkert propertyNames Navnet «Forkert» er ikke tilladt her.',
      '/adresse dependencies «Adresse» skal udfyldes, når «Kortnummer» er udfyldt.',
      '/antal oneOf «Antal» passer til flere af mulighederne; det skal passe til præcis én.',
      // A list of choices keeps the plain wording.
      '/koen oneOf Vælg en af de mulige værdier.',
    ]);
    const none = form.validate({ antal: 'x' }, { lang: 'en' });
    expect(none.ok ? [] : none.issues.map((i) => i.message)).toEqual(['«Antal» matches none of the options.']);
  });
});
