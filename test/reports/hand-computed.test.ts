import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMemoContext,
  buildTable,
  carryInto,
  reportOf,
  type Andel,
  type BreakdownGroup,
  type MemoContext,
  type MemoFigure,
  type PublishedTable,
  type ReportRound,
} from '../../reports/index.ts';
import { testRegistry } from '../helpers/test-registry.ts';
import { submitted, TEN_RAW } from '../fixtures/reports/ten-municipalities.ts';

// Every expected number below is worked out by hand from the table in ten-municipalities.ts
// (and, for counts of the population, from schemas/2024/kommuner.csv).
const near = (value: number | null | undefined, expected: number, digits = 2) => {
  expect(value).not.toBeNull();
  expect(value).toBeDefined();
  expect(value!).toBeCloseTo(expected, digits);
};

// Figures and groups are unions keyed by name; these narrow them so a missing or mis-shaped
// figure fails the test with its name instead of slipping through as undefined.
type NumberFigure = { readonly vaerdi: number | null };
type ListFigure = { readonly raekker: readonly Readonly<Record<string, unknown>>[]; readonly antal: number };

function asNumber(f: unknown, name: string): NumberFigure {
  if (f === null || typeof f !== 'object' || !('vaerdi' in f)) throw new Error(`${name} is not a number figure: ${JSON.stringify(f)}`);
  return f as NumberFigure;
}
function asShare(f: unknown, name: string): Andel {
  if (f === null || typeof f !== 'object' || !('andel' in f)) throw new Error(`${name} is not a share figure: ${JSON.stringify(f)}`);
  const { antal, ialt, andel } = f as Andel;
  return { antal, ialt, andel };
}
function asList(f: unknown, name: string): ListFigure {
  if (f === null || typeof f !== 'object' || !('raekker' in f)) throw new Error(`${name} is not a list figure: ${JSON.stringify(f)}`);
  return f as ListFigure;
}

describe('memo figures for ten hand-computed municipalities', () => {
  let ctx: MemoContext;
  let table: PublishedTable;
  beforeAll(async () => {
    const registry = await testRegistry();
    const round = registry.round('2024')!;
    const form = registry.form('2024', 'maaltal')!;
    const { report, problems } = reportOf(round);
    if (!report) throw new Error(`the 2024 report spec does not compile: ${JSON.stringify(problems)}`);
    const reports = submitted(form, TEN_RAW);
    const previousRound: ReportRound = { ...round, id: '2023', title: 'Runde 2023' };
    const previous = submitted(form, { '0147': TEN_RAW['0147']!, '0201': TEN_RAW['0201']!, '0259': TEN_RAW['0259']! }, '2023-05-01T10:00:00Z');
    ctx = await buildMemoContext({
      report,
      round,
      reports,
      generatedAt: '2024-06-15T08:00:00Z',
      previous: { round: previousRound, reports: previous, carry: carryInto(round, report.formName) },
    });
    const doc = report.spec.documents!.tabel!;
    table = buildTable({ report, round, dataset: doc.dataset!, reports, ...(doc.filters ? { filters: doc.filters } : {}) });
  });

  const figure = (name: string): MemoFigure => {
    const f = ctx.figurer[name];
    if (!f) throw new Error(`the memo has no figure ${name}`);
    return f;
  };
  const num = (name: string) => asNumber(figure(name), name).vaerdi;
  const share = (name: string) => asShare(figure(name), name);
  const list = (name: string) => asList(figure(name), name);
  const groups = (breakdown: string): readonly BreakdownGroup[] => {
    const g = ctx.opdelinger[breakdown];
    if (!g) throw new Error(`the memo has no breakdown ${breakdown}`);
    return g;
  };
  const groupNum = (g: BreakdownGroup, name: string) => asNumber(g[name], `${g.noegle}.${name}`).vaerdi;
  const groupShare = (g: BreakdownGroup, name: string) => asShare(g[name], `${g.noegle}.${name}`);

  it('counts who reported and who is missing', () => {
    expect(ctx.respondenter).toEqual({ ental: 'kommune', flertal: 'kommuner', forpligtede: 98 });
    expect(num('forpligtede')).toBe(98);
    expect(share('indberettet')).toMatchObject({ antal: 10, ialt: 98 });
    near(share('indberettet').andel, 10.204);
    expect(num('enheder')).toBe(11);
    // København, Odense, Aarhus and Aalborg have split leadership in kommuner.csv.
    expect(num('delteKommuner')).toBe(4);
    const mangler = list('mangler');
    expect(mangler.antal).toBe(88);
    expect(mangler.raekker).toHaveLength(88);
    expect(mangler.raekker.map((m) => m.kommunekode)).not.toContain('0101');
    expect(mangler.raekker[0]).toEqual({ kommunekode: '0155', kommune: 'Dragør', region: 'Region Hovedstaden' });
  });

  it('sums women and men per level over units and municipalities', () => {
    expect(num('niveau1Kvinder')).toBe(5);
    expect(num('niveau1Maend')).toBe(6);
    near(num('niveau1AndelKvinder'), 45.4545);
    near(num('niveau1Gennemsnit'), 45.0);
    expect(num('niveau2Kvinder')).toBe(23);
    expect(num('niveau2Maend')).toBe(32);
    near(num('niveau2AndelKvinder'), 41.8182);
    // Odense has nobody at level 2, so its level-2 share is left out of the mean of nine.
    near(num('niveau2Gennemsnit'), 41.3228);
    expect(num('kvinder')).toBe(28);
    expect(num('maend')).toBe(38);
    near(num('andelKvinder'), 42.4242);
    near(num('andelMaend'), 57.5758);
    // The mean of the ten exact shares, each computed from the counts (not the form's rounded share).
    near(num('gennemsnit'), 46.3413, 4);
    // The ten shares sorted: 0, 16.7, 25, 33.3, 40 | 50, 55.6, 57.1, 85.7, 100.
    near(num('medianAndel'), 45);
  });

  it('counts equal composition per level and combined from the engine verdicts', () => {
    expect(share('ligelig1')).toEqual({ antal: 0, ialt: 10, andel: 0 });
    expect(share('ligelig2')).toEqual({ antal: 4, ialt: 10, andel: 40 });
    expect(share('ligelig')).toEqual({ antal: 4, ialt: 10, andel: 40 });
    expect(share('underrepraesenteret')).toEqual({ antal: 6, ialt: 10, andel: 60 });
    // Of the six without equal composition, Odense (one woman) and Roskilde (6 women, 1 man) lack men.
    expect(share('kvinderUnderrepraesenteret')).toMatchObject({ antal: 4, ialt: 6 });
    expect(share('maendUnderrepraesenteret')).toMatchObject({ antal: 2, ialt: 6 });
  });

  it('counts targets and policies among the municipalities without equal composition', () => {
    expect(share('medMaaltal')).toMatchObject({ antal: 5, ialt: 6 });
    near(share('medMaaltal').andel, 83.3333);
    expect(share('medPolitik')).toMatchObject({ antal: 4, ialt: 6 });
    near(share('medPolitik').andel, 66.6667);
    expect(list('udenMaaltal').raekker).toEqual([{ kommunekode: '0201', kommune: 'Allerød', region: 'Region Hovedstaden' }]);
    expect(list('udenPolitik').raekker.map((r) => r.kommunekode)).toEqual(['0147', '0201']);
    expect(list('begrundelserMaaltal').raekker).toEqual([{ kommune: 'Allerød', enhed: 'Allerød Kommune', maaltalBegrundelse: 'Ny direktion tiltræder i år.' }]);
  });

  it('counts earlier targets reached', () => {
    expect(share('medTidligereMaal')).toEqual({ antal: 5, ialt: 10, andel: 50 });
    expect(share('opfyldt')).toEqual({ antal: 3, ialt: 5, andel: 60 });
    expect(share('ikkeOpfyldt')).toEqual({ antal: 2, ialt: 5, andel: 40 });
  });

  it('puts municipalities in 10-point bands and counts those under 20 %', () => {
    const baand = groups('baand');
    expect(baand.map((b) => groupNum(b, 'kommuner'))).toEqual([1, 1, 1, 1, 1, 3, 0, 0, 1, 1]);
    expect(baand.map((b) => b.fordeling?.afrundet)).toEqual([10, 10, 10, 10, 10, 30, 0, 0, 10, 10]);
    expect(baand[0]!.etiket).toBe('0–9,9 %');
    expect(baand[9]!.etiket).toBe('90–100 %');
    expect(share('under20')).toEqual({ antal: 2, ialt: 10, andel: 20 });
    expect(num('udenPersoner')).toBe(0);
  });

  it('draws the band chart from the band counts', () => {
    const svg = ctx.diagrammer.fordeling?.svg ?? '';
    const bars = [...svg.matchAll(/aria-label="Andel kvinder: ([^;"]+); Antal kommuner: (\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars).toEqual([
      ['0–9,9 %', 1],
      ['10–19,9 %', 1],
      ['20–29,9 %', 1],
      ['30–39,9 %', 1],
      ['40–49,9 %', 1],
      ['50–59,9 %', 3],
      ['60–69,9 %', 0],
      ['70–79,9 %', 0],
      ['80–89,9 %', 1],
      ['90–100 %', 1],
    ]);
  });

  it('breaks the figures down by region', () => {
    const regioner = groups('regioner');
    expect(regioner.map((r) => r.noegle)).toEqual(['1081', '1082', '1083', '1084', '1085']);
    const byName = Object.fromEntries(regioner.map((r) => [r.etiket, r]));
    const h = byName['Region Hovedstaden']!;
    expect(groupShare(h, 'indberettet')).toMatchObject({ antal: 5, ialt: 29 });
    near(groupNum(h, 'andelKvinder'), 31.4286);
    expect(groupShare(h, 'ligelig')).toEqual({ antal: 2, ialt: 5, andel: 40 });
    expect(groupShare(h, 'medMaaltal')).toMatchObject({ antal: 2, ialt: 3 });
    expect(groupShare(h, 'medPolitik')).toMatchObject({ antal: 1, ialt: 3 });
    const s = byName['Region Sjælland']!;
    expect(groupShare(s, 'indberettet')).toMatchObject({ antal: 2, ialt: 17 });
    near(groupNum(s, 'andelKvinder'), 69.2308);
    expect(groupShare(s, 'ligelig')).toEqual({ antal: 1, ialt: 2, andel: 50 });
    const m = byName['Region Midtjylland']!;
    expect(groupShare(m, 'indberettet')).toMatchObject({ antal: 1, ialt: 19 });
    expect(groupShare(m, 'medMaaltal')).toEqual({ antal: 0, ialt: 0, andel: null });
    near(groupNum(m, 'andelKvinder'), 55.5556);
    const n = byName['Region Nordjylland']!;
    expect(groupShare(n, 'indberettet')).toMatchObject({ antal: 1, ialt: 11 });
    expect(groupNum(n, 'andelKvinder')).toBe(25);
    expect(groupShare(byName['Region Syddanmark']!, 'indberettet')).toMatchObject({ antal: 1, ialt: 22 });
    expect(groupNum(byName['Region Syddanmark']!, 'andelKvinder')).toBe(100);
  });

  it('breaks the figures down by size of top management', () => {
    const stoerrelse = groups('stoerrelse');
    expect(stoerrelse.map((g) => g.etiket)).toEqual(['1–5 personer', '6–7 personer', '8–9 personer', '10 personer eller flere']);
    expect(stoerrelse.map((g) => groupNum(g, 'kommuner'))).toEqual([3, 4, 2, 1]);
    expect(stoerrelse.map((g) => g.fordeling?.afrundet)).toEqual([30, 40, 20, 10]);
    near(groupNum(stoerrelse[0]!, 'andelKvinder'), 27.2727);
    near(groupNum(stoerrelse[1]!, 'andelKvinder'), 53.8462);
    near(groupNum(stoerrelse[2]!, 'andelKvinder'), 41.1765);
    near(groupNum(stoerrelse[3]!, 'andelKvinder'), 33.3333);
    expect(stoerrelse.map((g) => groupShare(g, 'ligelig').antal)).toEqual([1, 2, 1, 0]);
  });

  it('counts units with a target by the year it is to be reached', () => {
    // Five units set a target: four for 2026, Odense's for 2028.
    const maalaar = groups('maalaar');
    expect(maalaar.map((g) => [g.noegle, groupNum(g, 'enheder')])).toEqual([
      ['2026', 4],
      ['2028', 1],
    ]);
  });

  it('compares with the first public count from round.json', () => {
    expect(num('sammenligningAndelKvinder')).toBe(47);
    expect(num('sammenligningUnderrepraesenteret')).toBe(33);
    near(num('forskelFraSammenligning'), 42.4242 - 47);
  });

  it('computes the change from the previous round in points', () => {
    expect(ctx.forrige).toEqual({ runde: { id: '2023', titel: 'Runde 2023' } });
    expect(figure('indberettet').forrige).toMatchObject({ antal: 3, ialt: 98 });
    // A share changes in percentage points: 10 of 98 against 3 of 98.
    near(figure('indberettet').aendring, 7.1429);
    // A count changes by the difference: 11 units against 3.
    expect(figure('enheder').aendring).toBe(8);
    near(asNumber(figure('andelKvinder').forrige, 'andelKvinder.forrige').vaerdi, 23.5294);
    near(figure('andelKvinder').aendring, 18.8948);
    near(figure('ligelig').aendring, 6.6667);
    near(figure('medMaaltal').aendring, 33.3333);
    near(figure('medPolitik').aendring, 66.6667);
    near(figure('opfyldt').aendring, 10);
    near(figure('under20').aendring, -46.6667);
    // Lists and the fixed comparison carry no previous value.
    expect(figure('mangler')).toMatchObject({ forrige: null, aendring: null });
    expect(figure('sammenligningAndelKvinder')).toMatchObject({ forrige: null, aendring: null });
  });

  it('publishes one row per unit, a total for a municipality of several units and one per missing municipality', () => {
    // Nine single-unit municipalities, København's two units and its total, and 88 missing.
    expect(table.rows).toHaveLength(9 + 2 + 1 + 88);
    const kbh = table.rows.filter((r) => r.kommunekode === '0101');
    expect(kbh.map((r) => r.enhed)).toEqual(['Økonomiforvaltningen', 'Teknik- og Miljøforvaltningen', 'Kommunen i alt']);
    expect(kbh.map((r) => r.$kind)).toEqual(['item', 'item', 'total']);
    expect(kbh[0]).toMatchObject({ status: 'Ligelig', ligelig: true, maaltalFastsat: null, politikFindes: null, kvinder: 3, maend: 3 });
    expect(kbh[0]!.$codes.status).toBe('ligelig');
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
    expect(kbh[2]).toMatchObject({
      raekke: 'Kommunen i alt',
      status: 'Ikke ligelig',
      niveau1Kvinder: 1,
      niveau1Maend: 1,
      niveau2Kvinder: 3,
      niveau2Maend: 7,
      kvinder: 4,
      maend: 8,
      antal: 12,
      ligelig: false,
      underrepraesenteretKoen: 'Kvinder',
      maaltalFastsat: true,
      politikFindes: true,
      tidligereMaalStatus: 'Ja, måltallet er opfyldt',
    });
    near(kbh[2]!.andelKvinder as number, 33.3, 1);
    const roskilde = table.rows.find((r) => r.kommunekode === '0265')!;
    expect(roskilde).toMatchObject({ underrepraesenteretKoen: 'Mænd', maaltalKoen: 'Mænd', region: 'Region Sjælland', raekke: 'Kommunen' });
    expect(roskilde.$codes).toEqual({ regionskode: '1085', status: 'ikkeLigelig', raekke: 'kommune' });
    const missing = table.rows.find((r) => r.kommunekode === '0155')!;
    expect(missing).toMatchObject({ kommune: 'Dragør', status: 'Ikke indberettet', kvinder: null, indsendt: null, $kind: 'missing' });
    expect(missing.$codes.status).toBe('ikkeIndberettet');
  });
});
