import { beforeAll, describe, expect, it } from 'vitest';
import { buildMemoContext, buildTable, type MemoContext, type PublishedTable, type ReportRound } from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

// Every expected number below is worked out by hand from the table in ten-municipalities.ts.
const near = (value: number | null, expected: number) => {
  expect(value).not.toBeNull();
  expect(value!).toBeCloseTo(expected, 2);
};

describe('memo figures for ten hand-computed municipalities', () => {
  let ctx: MemoContext;
  let table: PublishedTable;
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const reports = submitted(form, TEN_RAW);
    const previousRound: ReportRound = { ...round, id: '2023', title: 'Runde 2023' };
    const previous = submitted(form, { '0147': TEN_RAW['0147']!, '0201': TEN_RAW['0201']!, '0259': TEN_RAW['0259']! }, '2023-05-01T10:00:00Z');
    ctx = buildMemoContext({ round, reports, generatedAt: '2024-06-15T08:00:00Z', previous: { round: previousRound, reports: previous } });
    table = buildTable({ round, schema: form.schema, reports }).table;
  });

  it('counts who reported and who is missing', () => {
    expect(ctx.indberetning.forpligtede).toBe(98);
    expect(ctx.indberetning.indberettet.antal).toBe(10);
    near(ctx.indberetning.indberettet.andel, 10.204);
    expect(ctx.indberetning.enheder).toBe(11);
    expect(ctx.indberetning.delteKommuner).toBe(4);
    expect(ctx.indberetning.mangler).toHaveLength(88);
    expect(ctx.indberetning.mangler.map((m) => m.kommunekode)).not.toContain('0101');
    expect(ctx.indberetning.mangler[0]).toEqual({ kommunekode: '0155', navn: 'Dragør', regionsnavn: 'Region Hovedstaden' });
  });

  it('sums women and men per level over units and municipalities', () => {
    expect(ctx.koen.niveau1).toMatchObject({ kvinder: 5, maend: 6, antal: 11 });
    near(ctx.koen.niveau1.andelKvinder, 45.4545);
    near(ctx.koen.niveau1.gennemsnitAndelKvinder, 45.0);
    expect(ctx.koen.niveau2).toMatchObject({ kvinder: 23, maend: 32, antal: 55 });
    near(ctx.koen.niveau2.andelKvinder, 41.8182);
    // Odense has nobody at level 2, so its level-2 share is left out of the mean of nine.
    near(ctx.koen.niveau2.gennemsnitAndelKvinder, 41.3228);
    expect(ctx.koen.samlet).toMatchObject({ kvinder: 28, maend: 38, antal: 66 });
    near(ctx.koen.samlet.andelKvinder, 42.4242);
    near(ctx.koen.samlet.andelMaend, 57.5758);
    near(ctx.koen.samlet.gennemsnitAndelKvinder, 46.3413);
  });

  it('counts equal composition per level and combined from the engine verdicts', () => {
    expect(ctx.ligelig.niveau1).toEqual({ antal: 0, ialt: 10, andel: 0 });
    expect(ctx.ligelig.niveau2).toEqual({ antal: 4, ialt: 10, andel: 40 });
    expect(ctx.ligelig.samlet).toEqual({ antal: 4, ialt: 10, andel: 40 });
  });

  it('counts targets and policies among the municipalities without equal composition', () => {
    expect(ctx.ikkeLigelig.antal).toBe(6);
    expect(ctx.ikkeLigelig.medMaaltal.antal).toBe(5);
    near(ctx.ikkeLigelig.medMaaltal.andel, 83.3333);
    expect(ctx.ikkeLigelig.medPolitik.antal).toBe(4);
    near(ctx.ikkeLigelig.medPolitik.andel, 66.6667);
  });

  it('counts earlier targets reached', () => {
    expect(ctx.tidligereMaal.medTidligereMaal).toEqual({ antal: 5, ialt: 10, andel: 50 });
    expect(ctx.tidligereMaal.opfyldt).toEqual({ antal: 3, ialt: 5, andel: 60 });
    expect(ctx.tidligereMaal.ikkeOpfyldt).toEqual({ antal: 2, ialt: 5, andel: 40 });
  });

  it('puts municipalities in 10-point bands and counts those under 20 %', () => {
    expect(ctx.fordeling.baand.map((b) => b.kommuner.antal)).toEqual([1, 1, 1, 1, 1, 3, 0, 0, 1, 1]);
    expect(ctx.fordeling.baand[0]!.etiket).toBe('0–9,9 %');
    expect(ctx.fordeling.baand[9]!.etiket).toBe('90–100 %');
    expect(ctx.fordeling.under20).toEqual({ antal: 2, ialt: 10, andel: 20 });
    expect(ctx.fordeling.udenPersoner).toBe(0);
  });

  it('breaks the figures down by region', () => {
    const byName = Object.fromEntries(ctx.regioner.map((r) => [r.navn, r]));
    expect(ctx.regioner.map((r) => r.regionskode)).toEqual(['1081', '1082', '1083', '1084', '1085']);
    const h = byName['Region Hovedstaden']!;
    expect(h.indberettet).toMatchObject({ antal: 5, ialt: 29 });
    near(h.andelKvinder, 31.4286);
    expect(h.ligelig).toEqual({ antal: 2, ialt: 5, andel: 40 });
    expect(h.medMaaltal.antal).toBe(2);
    expect(h.medMaaltal.ialt).toBe(3);
    expect(h.medPolitik.antal).toBe(1);
    const s = byName['Region Sjælland']!;
    expect(s.indberettet).toMatchObject({ antal: 2, ialt: 17 });
    near(s.andelKvinder, 69.2308);
    expect(s.ligelig).toEqual({ antal: 1, ialt: 2, andel: 50 });
    const m = byName['Region Midtjylland']!;
    expect(m.indberettet).toMatchObject({ antal: 1, ialt: 19 });
    expect(m.medMaaltal).toEqual({ antal: 0, ialt: 0, andel: null });
    near(m.andelKvinder, 55.5556);
    const n = byName['Region Nordjylland']!;
    expect(n.indberettet).toMatchObject({ antal: 1, ialt: 11 });
    expect(n.andelKvinder).toBe(25);
    expect(byName['Region Syddanmark']!.andelKvinder).toBe(100);
  });

  it('breaks the figures down by size of top management', () => {
    expect(ctx.stoerrelse.map((g) => g.kommuner.antal)).toEqual([3, 4, 2, 1]);
    near(ctx.stoerrelse[0]!.andelKvinder, 27.2727);
    near(ctx.stoerrelse[1]!.andelKvinder, 53.8462);
    near(ctx.stoerrelse[2]!.andelKvinder, 41.1765);
    near(ctx.stoerrelse[3]!.andelKvinder, 33.3333);
    expect(ctx.stoerrelse.map((g) => g.ligelig.antal)).toEqual([1, 2, 1, 0]);
  });

  it('computes the change from the previous round in points', () => {
    const f = ctx.forrige!;
    expect(f.runde.id).toBe('2023');
    expect(f.hovedtal.indberettet).toBe(3);
    near(f.hovedtal.andelKvinder, 23.5294);
    expect(f.aendring.indberettet).toBe(7);
    near(f.aendring.andelKvinder, 18.8948);
    near(f.aendring.ligelig, 6.6667);
    near(f.aendring.medMaaltal, 33.3333);
    near(f.aendring.medPolitik, 66.6667);
    near(f.aendring.opfyldt, 10);
    near(f.aendring.under20, -46.6667);
  });

  it('publishes one row per unit and one per missing municipality', () => {
    expect(table.rows).toHaveLength(11 + 88);
    const kbh = table.rows.filter((r) => r.kommunekode === '0101');
    expect(kbh.map((r) => r.enhed)).toEqual(['Økonomiforvaltningen', 'Teknik- og Miljøforvaltningen']);
    expect(kbh[0]).toMatchObject({ status: 'Ligelig', ligelig: true, maaltalFastsat: null, politikFindes: null, kvinder: 3, maend: 3 });
    expect(kbh[1]).toMatchObject({
      status: 'Ikke ligelig',
      niveau2Kvinder: 1,
      niveau2Maend: 4,
      andelKvinder: 16.7,
      maaltalFastsat: true,
      maaltalKoen: 'Kvinder',
      maaltalAntal: 3,
      tidligereMaalStatus: 'Ja, måltallet er opfyldt',
      indsendt: '2024-05-20',
      indberetningsaar: 2023,
    });
    const roskilde = table.rows.find((r) => r.kommunekode === '0265')!;
    expect(roskilde).toMatchObject({ underrepraesenteretKoen: 'Mænd', maaltalKoen: 'Mænd', region: 'Region Sjælland', statusKode: 'ikkeLigelig' });
    const missing = table.rows.find((r) => r.kommunekode === '0155')!;
    expect(missing).toMatchObject({ kommune: 'Dragør', status: 'Ikke indberettet', statusKode: 'ikkeIndberettet', kvinder: null, indsendt: null });
  });
});
