import { describe, expect, it } from 'vitest';
import { createReportHandlebars } from '../../reports/index.ts';

describe('a table cell is a link only in a link column', () => {
  const hbs = createReportHandlebars('Europe/Copenhagen');
  const render = (cell: unknown) => hbs.compile('{{celle this}}', { strict: true })(cell);

  it('links the service\'s address in a link column', () => {
    expect(render({ vaerdi: 'https://example.dk/offentlig/2024/kommune/0147', type: 'lenke' })).toBe(
      '<a href="https://example.dk/offentlig/2024/kommune/0147">https://example.dk/offentlig/2024/kommune/0147</a>',
    );
  });

  it('leaves a respondent\'s text that looks like an address as text', () => {
    expect(render({ vaerdi: 'https://evil.example/x', type: 'tekst' })).toBe('https://evil.example/x');
  });
});
