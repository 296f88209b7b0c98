import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Round } from '../../engine/node.ts';
import { buildMemoContext, buildTable, readReportsInput, reportOf, type CompiledReport } from '../../reports/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('a respondent\'s share is exact in the figures and rounded only where it is shown', () => {
  let round: Round;
  let report: CompiledReport;
  let entry: any;
  beforeAll(async () => {
    round = (await loadRounds(path.join(ROOT, 'schemas'))).round('2024')!;
    report = reportOf(round).report!;
    const fixture = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/reports/answers-2024.json'), 'utf8'));
    entry = fixture.find((e: any) => e.respondent === '0147');
  });

  it('counts 99 women of 496 (19.96 %) as under 20 %, for a one-unit respondent as for a split one', async () => {
    const unit = { ...entry.answers.enheder[0], niveau1: { kvinder: 0, maend: 1 }, niveau2: { kvinder: 99, maend: 396 } };
    // The same people, once as one unit and once split over two units.
    const one = { ...entry, respondent: '0147', answers: { ...entry.answers, enheder: [unit] } };
    const split = {
      ...entry,
      respondent: '0101',
      answers: { ...entry.answers, enheder: [{ ...unit, navn: 'A', niveau2: { kvinder: 50, maend: 200 } }, { ...unit, navn: 'B', niveau1: { kvinder: 0, maend: 0 }, niveau2: { kvinder: 49, maend: 196 } }] },
    };
    const read = readReportsInput([one, split], round.forms.get('maaltal')!);
    if ('problems' in read) throw new Error(read.problems.join('\n'));
    const memo = await buildMemoContext({ report, round, reports: read.reports, generatedAt: '2024-06-01T00:00:00Z', charts: false });
    expect(memo.figurer.under20).toEqual({ antal: 2, ialt: 2, andel: 100, forrige: null, aendring: null });
    expect((memo.figurer.gennemsnit as { vaerdi: number }).vaerdi).toBeCloseTo((100 * 99) / 496, 10);
    const band = memo.opdelinger.baand!.find((g) => (g.kommuner as { vaerdi: number }).vaerdi > 0)!;
    expect(band.etiket).toBe('10–19,9 %');

    const table = buildTable({ report, round, dataset: 'enheder', reports: read.reports });
    const shown = table.rows.filter((r) => r.$kind !== 'missing' && r.$kind !== 'item').map((r) => [r.$respondent, r.andelKvinder]);
    // Published to one decimal, as the spec's column says; the figures above used the exact value.
    expect(shown).toEqual([
      ['0101', 20],
      ['0147', 20],
    ]);
  });
});
