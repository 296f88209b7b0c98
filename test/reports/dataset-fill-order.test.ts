import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRounds, type Round } from '../../engine/node.ts';
import { buildDataset, compileReport, type ReportSpec } from '../../reports/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A spec over the 2024 form whose computed column comes before the fields it reads. */
const spec = (columns: ReportSpec['datasets'][string]['columns']): ReportSpec => ({ form: 'maaltal', datasets: { d: { rows: 'enheder[]', columns } } }) as ReportSpec;

describe('a dataset row is filled in the order its columns read each other', () => {
  let round: Round;
  beforeAll(async () => {
    round = (await loadRounds(path.join(ROOT, 'schemas'))).round('2024')!;
  });

  it('computes a column declared before the field it reads from that field', () => {
    const compiled = compileReport(
      round,
      spec([
        { key: 'k', respondent: 'key' },
        { key: 'status', compute: { if: [{ var: 'ligelig' }, 'ja', 'nej'] } },
        { key: 'dobbelt', compute: { '*': [2, { var: 'kvinder' }] } },
        { key: 'kvinder', path: 'enheder[].kvinder' },
        { key: 'ligelig', path: 'enheder[].ligelig' },
      ]),
      round.forms.get('maaltal')!.schema,
    );
    expect(compiled.problems).toEqual([]);
    const ds = compiled.report!.datasets.get('d')!;
    // Declared order is kept for the table; only the filling order moves.
    expect(ds.columns.map((c) => c.key)).toEqual(['k', 'status', 'dobbelt', 'kvinder', 'ligelig']);
    const unit = (ligelig: boolean, kvinder: number) => ({ navn: 'x', kvinder, ligelig });
    const latest = new Map([
      ['0101', { respondent: '0101', submittedAt: '2024-05-01T00:00:00Z', answers: { enheder: [unit(true, 3)] } }],
      ['0147', { respondent: '0147', submittedAt: '2024-05-01T00:00:00Z', answers: { enheder: [unit(false, 1)] } }],
    ]);
    const rows = buildDataset(compiled.report!, ds, { latest, timeZone: 'Europe/Copenhagen' });
    expect(rows.map((r) => [r.$respondent, r.status, r.dobbelt])).toEqual([
      ['0101', 'ja', 6],
      ['0147', 'nej', 2],
    ]);
  });

  it('refuses columns that read each other in a ring, naming them', () => {
    const compiled = compileReport(
      round,
      spec([
        { key: 'a', compute: { '+': [1, { var: 'b' }] } },
        { key: 'b', compute: { '+': [1, { var: 'a' }] } },
      ]),
      round.forms.get('maaltal')!.schema,
    );
    expect(compiled.problems).toEqual([expect.objectContaining({ pointer: '/datasets/d/columns', message: expect.stringMatching(/"a" → "b" → "a"/) })]);
  });
});
