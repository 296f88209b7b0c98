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
});
