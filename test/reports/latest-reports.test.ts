import { describe, expect, it } from 'vitest';
import { latestReports, type SubmittedReport } from '../../reports/index.ts';

const report = (respondent: string, submittedAt: string, tag: string): SubmittedReport => ({ respondent, submittedAt, answers: { tag } });
const tag = (r: SubmittedReport | undefined) => (r?.answers as { tag?: string } | undefined)?.tag;
const OBLIGED = new Set(['0101']);

describe('latestReports', () => {
  it('compares instants, not text: a time with an offset is placed where it happened', () => {
    // 23:30 at +02:00 is 21:30Z, before 22:00Z, although its text sorts after it.
    const picked = latestReports([report('0101', '2025-03-01T22:00:00Z', 'later'), report('0101', '2025-03-01T23:30:00+02:00', 'earlier')], OBLIGED);
    expect(tag(picked.get('0101'))).toBe('later');
    const other = latestReports([report('0101', '2025-03-01T23:30:00+02:00', 'earlier'), report('0101', '2025-03-01T22:00:00.000Z', 'later')], OBLIGED);
    expect(tag(other.get('0101'))).toBe('later');
  });

  it('keeps only the round’s respondents and skips an unreadable time', () => {
    const picked = latestReports(
      [report('0101', '2025-03-01T10:00:00Z', 'good'), report('0101', 'not a time', 'bad'), report('9999', '2025-03-01T10:00:00Z', 'stranger')],
      OBLIGED,
    );
    expect([...picked.keys()]).toEqual(['0101']);
    expect(tag(picked.get('0101'))).toBe('good');
  });

  it('takes the one written last when two name the same instant', () => {
    // The same instant written two ways; storage lists reports in order of writing.
    const picked = latestReports([report('0101', '2025-03-01T10:00:00Z', 'first'), report('0101', '2025-03-01T12:00:00+02:00', 'second')], OBLIGED);
    expect(tag(picked.get('0101'))).toBe('second');
  });

  it('reads the respondents from anything that answers has, such as the population by key', () => {
    const population = new Map([['0147', { key: '0147' }]]);
    const picked = latestReports([report('0101', '2025-03-01T10:00:00Z', 'a'), report('0147', '2025-03-01T10:00:00Z', 'b')], population);
    expect([...picked.keys()]).toEqual(['0147']);
  });
});
