import { beforeAll, describe, expect, it } from 'vitest';
import { buildTable, buildTableView, type PublishedTable, type ReportRound } from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

describe('table page: filtering and sorting without JavaScript', () => {
  let table: PublishedTable;
  let round: ReportRound;
  beforeAll(async () => {
    const registry = await testRegistry();
    round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    table = buildTable({ round, schema: form.schema, reports: submitted(form, TEN_RAW) }).table;
  });
  const view = (q: Record<string, string>) => buildTableView(table, round, q, { generatedAt: '2024-06-01T00:00:00Z' });

  it('filters by region and status', () => {
    const v = view({ region: '1085', status: 'ligelig' });
    expect(v.raekker.map((r) => r.kommune)).toEqual(['Køge']);
    expect(v.antal).toEqual({ vist: 1, ialt: 99 });
    expect(v.filter.regioner.find((r) => r.valgt)?.navn).toBe('Region Sjælland');
    expect(v.filter.aktiv).toBe(true);
    expect(view({ status: 'ikkeIndberettet' }).raekker).toHaveLength(88);
  });

  it('sorts by a column both ways with empty cells last, and links toggle the direction', () => {
    const up = view({ status: 'ikkeLigelig', sorter: 'andelKvinder' });
    expect(up.raekker.map((r) => r.andelKvinder)).toEqual([0, 16.7, 16.7, 25, 85.7, 100]);
    expect(up.kolonner.andelKvinder.sortering).toBe('ascending');
    expect(up.kolonner.andelKvinder.href).toBe('?status=ikkeLigelig&sorter=andelKvinder&retning=faldende');
    expect(up.kolonner.kommune.sortering).toBe('none');
    const down = view({ sorter: 'andelKvinder', retning: 'faldende' });
    expect(down.raekker.slice(0, 3).map((r) => r.andelKvinder)).toEqual([100, 85.7, 57.1]);
    expect(down.raekker.at(-1)!.andelKvinder).toBeNull();
    // Danish order: Æ, Ø, Å at the end, and a double a reads as å.
    const names = view({ sorter: 'kommune' }).raekker.map((r) => r.kommune as string);
    expect(names[0]).toBe('Albertslund');
    expect(names.indexOf('Ærø')).toBeLessThan(names.indexOf('Aabenraa'));
    expect(names.indexOf('Ballerup')).toBeLessThan(names.indexOf('Ærø'));
  });

  it('ignores unknown filter and sort values instead of failing', () => {
    const v = view({ region: '9999', status: '<x>', sorter: 'constructor', retning: 'op' });
    expect(v.raekker).toHaveLength(99);
    expect(v.filter).toMatchObject({ region: '', status: '', sorter: '', retning: 'stigende', aktiv: false });
  });
});
