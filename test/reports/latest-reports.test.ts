import { describe, expect, it } from 'vitest';
import { latestReports, type SubmittedReport } from '../../reports/index.ts';

const report = (kommunekode: string, submittedAt: string, tag: string): SubmittedReport =>
  ({ kommunekode, submittedAt, answers: { tag } }) as unknown as SubmittedReport;
const tag = (r: SubmittedReport | undefined) => (r?.answers as { tag?: string } | undefined)?.tag;

describe('latestReports', () => {
  it('compares instants, not text: a time with an offset is placed where it happened', () => {
    // 23:30 at +02:00 is 21:30Z, before 22:00Z, although its text sorts after it.
    const picked = latestReports([report('0101', '2025-03-01T22:00:00Z', 'later'), report('0101', '2025-03-01T23:30:00+02:00', 'earlier')], { '0101': {} });
    expect(tag(picked.get('0101'))).toBe('later');
    const other = latestReports([report('0101', '2025-03-01T23:30:00+02:00', 'earlier'), report('0101', '2025-03-01T22:00:00.000Z', 'later')], { '0101': {} });
    expect(tag(other.get('0101'))).toBe('later');
  });

  it('keeps only the round’s municipalities and skips an unreadable time', () => {
    const picked = latestReports(
      [report('0101', '2025-03-01T10:00:00Z', 'good'), report('0101', 'not a time', 'bad'), report('9999', '2025-03-01T10:00:00Z', 'stranger')],
      { '0101': {} },
    );
    expect([...picked.keys()]).toEqual(['0101']);
    expect(tag(picked.get('0101'))).toBe('good');
  });
});
