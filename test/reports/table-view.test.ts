import { beforeAll, describe, expect, it } from 'vitest';
import { buildTable, buildTableView, reportOf, type ColumnView, type PublishedTable, type ReportRound, type TableViewContext } from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

describe('table page: filtering and sorting without JavaScript', () => {
  let table: PublishedTable;
  let round: ReportRound;
  beforeAll(async () => {
    const registry = await testRegistry();
    round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const { report, problems } = reportOf(registry.round('2024')!);
    if (!report) throw new Error(`the 2024 report spec does not compile: ${JSON.stringify(problems)}`);
    // The table document of the round names the dataset and the columns the page filters by.
    const doc = report.spec.documents!.tabel!;
    table = buildTable({ report, round, dataset: doc.dataset!, filters: doc.filters ?? [], reports: submitted(form, TEN_RAW) });
  });
  const view = (q: Record<string, string>) => buildTableView(table, round, q, { generatedAt: '2024-06-01T00:00:00Z' });
  const column = (v: TableViewContext, key: string): ColumnView => {
    const c = v.kolonner[key];
    if (!c) throw new Error(`no column ${key}`);
    return c;
  };
  const chosen = (v: TableViewContext, filter: string) => v.filtre.find((f) => f.noegle === filter)?.valg.find((c) => c.valgt)?.navn;

  it('filters by region and status', () => {
    const v = view({ regionskode: '1085', status: 'ligelig' });
    expect(v.raekker.map((r) => r.kommune)).toEqual(['Køge']);
    // Nine single-unit municipalities, København's two units and its total, 88 missing.
    expect(v.antal).toEqual({ vist: 1, ialt: 100 });
    expect(chosen(v, 'regionskode')).toBe('Region Sjælland');
    expect(chosen(v, 'status')).toBe('Ligelig');
    expect(v.filter.aktiv).toBe(true);
    expect(view({ status: 'ikkeIndberettet' }).raekker).toHaveLength(88);
  });

  it('filters by kind of row: a municipality, one of its departments, or its total', () => {
    expect(view({ raekke: 'enhed' }).raekker.map((r) => r.enhed)).toEqual(['Økonomiforvaltningen', 'Teknik- og Miljøforvaltningen']);
    expect(view({ raekke: 'total' }).raekker.map((r) => r.kommune)).toEqual(['København']);
    // The nine single-unit municipalities and the 88 that have not reported.
    expect(view({ raekke: 'kommune' }).raekker).toHaveLength(97);
  });

  it('sorts by a column both ways with empty cells last, and links toggle the direction', () => {
    const up = view({ status: 'ikkeLigelig', sorter: 'andelKvinder' });
    // Shares 0, 16.7, 16.7, 25, 33.3 (København in all), 85.7, 100; the tie keeps table order.
    expect(up.raekker.map((r) => r.enhed)).toEqual([
      'Allerød Kommune',
      'Teknik- og Miljøforvaltningen',
      'Frederiksberg Kommune',
      'Borgmesterens Forvaltning',
      'Kommunen i alt',
      'Roskilde Kommune',
      'Borgmesterforvaltningen',
    ]);
    expect(up.raekker.slice(0, 4).map((r) => r.andelKvinder)).toEqual([0, 16.7, 16.7, 25]);
    expect(column(up, 'andelKvinder').sortering).toBe('ascending');
    expect(column(up, 'andelKvinder').href).toBe('?status=ikkeLigelig&sorter=andelKvinder&retning=faldende');
    expect(column(up, 'kommune').sortering).toBe('none');
    expect(column(up, 'kommune').href).toBe('?status=ikkeLigelig&sorter=kommune&retning=stigende');
    const down = view({ sorter: 'andelKvinder', retning: 'faldende' });
    expect(down.raekker.slice(0, 3).map((r) => r.andelKvinder)).toEqual([100, 85.7, 57.1]);
    expect(column(down, 'andelKvinder').sortering).toBe('descending');
    expect(down.raekker.at(-1)!.andelKvinder).toBeNull();
    // Danish order: Æ, Ø, Å at the end, and a double a reads as å.
    const names = view({ sorter: 'kommune' }).raekker.map((r) => r.kommune as string);
    expect(names[0]).toBe('Albertslund');
    expect(names.indexOf('Ærø')).toBeLessThan(names.indexOf('Aabenraa'));
    expect(names.indexOf('Ballerup')).toBeLessThan(names.indexOf('Ærø'));
  });

  it('gives each row its cells in column order', () => {
    const v = view({ raekke: 'total' });
    const row = v.raekker[0]!;
    expect(row.celler).toHaveLength(v.kolonneliste.length);
    const at = (key: string) => row.celler[v.kolonneliste.findIndex((c) => c.noegle === key)];
    expect(at('kvinder')).toEqual({ vaerdi: 4, type: 'heltal' });
    expect(at('status')).toEqual({ vaerdi: 'Ikke ligelig', type: 'tekst' });
  });

  it('ignores unknown filter and sort values instead of failing', () => {
    const v = view({ regionskode: '9999', status: '<x>', raekke: 'constructor', sorter: 'constructor', retning: 'op' });
    expect(v.raekker).toHaveLength(100);
    expect(v.filter).toEqual({ sorter: '', retning: 'stigende', aktiv: false });
    expect(v.filtre.map((f) => f.valgt)).toEqual(['', '', '']);
    expect(v.filtre.flatMap((f) => f.valg).some((c) => c.valgt)).toBe(false);
  });
});
