import { describe, expect, it } from 'vitest';
import { createTemplateSet, TemplateRenderError } from '../../reports/index.ts';

describe('a template that fails while rendering', () => {
  it('is a named error with its file and line, not a raw TypeError', () => {
    const built = createTemplateSet(
      [{ name: 't', file: 'schemas/2025/templates/t.hbs', partial: false, source: '{{!-- kontekst: notat --}}\n<p>\n{{figurer.a.vaerdi}} {{figurer.b.vaerdi}}</p>' }],
      'Europe/Copenhagen',
    );
    expect(built.problems).toEqual([]);
    expect(built.set!.render('t', { figurer: { a: { vaerdi: 1 }, b: { vaerdi: 2 } } })).toContain('1 2');
    let error: unknown;
    try {
      built.set!.render('t', { figurer: { a: { vaerdi: 1 } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error).toMatchObject({ file: 'schemas/2025/templates/t.hbs', line: 3 });
    expect((error as Error).message).toMatch(/^schemas\/2025\/templates\/t\.hbs:3: skabelonen kunne ikke dannes: "\w+" findes ikke i konteksten/);
  });
});
