import { latestReports } from './latest-reports.ts';
import type { SubmittedReport } from './maaltal-answer.ts';
import type { Aendring, Baand, Hovedtal, KoenTal, Manglende, MemoContext, RegionTal, StoerrelseTal } from './memo-context.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';
import { share, type Andel } from './share.ts';
import { summariseMunicipality, type KommuneTal } from './summarise-municipality.ts';

/** What the memo is built from. */
export interface MemoInput {
  readonly round: ReportRound;
  /** Submitted reports of the round's report form; answers as the engine validated them. */
  readonly reports: readonly SubmittedReport[];
  /** The moment the memo is made, ISO-8601; passed in so the same data gives the same memo. */
  readonly generatedAt: string;
  /** The form whose deadline the memo prints; `maaltal` unless told. */
  readonly formName?: string;
  /** The previous round and its reports, for the change from last year. */
  readonly previous?: { readonly round: ReportRound; readonly reports: readonly SubmittedReport[] };
}

/** Top-management sizes the memo breaks figures down by (persons on both levels). */
const SIZE_GROUPS: ReadonlyArray<{ fra: number; til: number | null }> = [
  { fra: 1, til: 5 },
  { fra: 6, til: 7 },
  { fra: 8, til: 9 },
  { fra: 10, til: null },
];

const BAND_COUNT = 10;

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

const diff = (now: number | null, before: number | null): number | null => (now === null || before === null ? null : now - before);

function koenTal(figures: readonly KommuneTal[], level: 'niveau1' | 'niveau2' | 'samlet'): KoenTal {
  let kvinder = 0;
  let maend = 0;
  const shares: number[] = [];
  for (const f of figures) {
    const c = f[level];
    kvinder += c.kvinder;
    maend += c.maend;
    if (c.antal > 0) shares.push((100 * c.kvinder) / c.antal);
  }
  const antal = kvinder + maend;
  return {
    kvinder,
    maend,
    antal,
    andelKvinder: share(kvinder, antal).andel,
    andelMaend: share(maend, antal).andel,
    gennemsnitAndelKvinder: mean(shares),
  };
}

function pooledShare(figures: readonly KommuneTal[]): number | null {
  let kvinder = 0;
  let antal = 0;
  for (const f of figures) {
    kvinder += f.samlet.kvinder;
    antal += f.samlet.antal;
  }
  return share(kvinder, antal).andel;
}

function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n++;
  return n;
}

function obligations(figures: readonly KommuneTal[]): { ikkeLigelige: KommuneTal[]; medMaaltal: Andel; medPolitik: Andel } {
  const ikkeLigelige = figures.filter((f) => !f.ligelig.samlet);
  return {
    ikkeLigelige,
    medMaaltal: share(countWhere(ikkeLigelige, (f) => f.maaltal), ikkeLigelige.length),
    medPolitik: share(countWhere(ikkeLigelige, (f) => f.politik), ikkeLigelige.length),
  };
}

function bandOf(andel: number): number {
  return Math.min(BAND_COUNT - 1, Math.floor(andel / 10));
}

function bands(withPersons: readonly KommuneTal[]): Baand[] {
  const counts = new Array<number>(BAND_COUNT).fill(0);
  for (const f of withPersons) counts[bandOf(f.andelKvinder as number)]!++;
  return counts.map((n, i) => ({
    fra: i * 10,
    til: i === BAND_COUNT - 1 ? 100 : (i + 1) * 10,
    etiket: i === BAND_COUNT - 1 ? `${i * 10}–100 %` : `${i * 10}–${i * 10 + 9},9 %`,
    kommuner: share(n, withPersons.length),
  }));
}

function sizeGroups(figures: readonly KommuneTal[]): StoerrelseTal[] {
  return SIZE_GROUPS.map(({ fra, til }) => {
    const group = figures.filter((f) => f.samlet.antal >= fra && (til === null || f.samlet.antal <= til));
    return {
      etiket: til === null ? `${fra} personer eller flere` : `${fra}–${til} personer`,
      fra,
      til,
      kommuner: share(group.length, figures.length),
      andelKvinder: pooledShare(group),
      ligelig: share(countWhere(group, (f) => f.ligelig.samlet), group.length),
    };
  });
}

interface Core {
  readonly figures: KommuneTal[];
  readonly hovedtal: Hovedtal;
}

function core(round: ReportRound, reports: readonly SubmittedReport[]): Core {
  const kommuner = round.tables.kommuner ?? {};
  const latest = latestReports(reports, kommuner);
  const figures = [...latest.keys()].sort().map((code) => summariseMunicipality(latest.get(code)!.answers));
  const withPersons = figures.filter((f) => f.andelKvinder !== null);
  const { medMaaltal, medPolitik } = obligations(figures);
  const medTidligere = figures.filter((f) => f.tidligereMaal !== 'intet');
  return {
    figures,
    hovedtal: {
      indberettet: figures.length,
      forpligtede: Object.keys(kommuner).length,
      andelKvinder: pooledShare(figures),
      ligelig: share(countWhere(figures, (f) => f.ligelig.samlet), figures.length).andel,
      medMaaltal: medMaaltal.andel,
      medPolitik: medPolitik.andel,
      opfyldt: share(countWhere(medTidligere, (f) => f.tidligereMaal === 'opfyldt'), medTidligere.length).andel,
      under20: share(countWhere(withPersons, (f) => (f.andelKvinder as number) < 20), withPersons.length).andel,
    },
  };
}

/**
 * Turns a round's submitted reports into the memo's figures. Composition figures are per
 * municipality: a municipality that reports several units (one per department) is counted once,
 * with its units' women and men summed; it has equal composition when every unit has, and it
 * counts as having a target (or policy) when every unit without equal composition has one.
 * @param input the round, its reports, the moment of making and optionally the previous round
 * @returns the memo context, plain data
 * @example
 * const context = buildMemoContext({ round, reports, generatedAt: new Date().toISOString() });
 */
export function buildMemoContext(input: MemoInput): MemoContext {
  const { round, reports, generatedAt } = input;
  const facts = roundFacts(round, input.formName ?? 'maaltal');
  const kommuner = round.tables.kommuner ?? {};
  const regioner = round.tables.regioner ?? {};
  const { figures, hovedtal } = core(round, reports);
  const byCode = new Map(figures.map((f) => [f.kommunekode, f]));
  const obliged = Object.keys(kommuner).sort();
  const mangler: Manglende[] = obliged
    .filter((code) => !byCode.has(code))
    .map((code) => ({ kommunekode: code, navn: kommuner[code]?.navn ?? code, regionsnavn: kommuner[code]?.regionsnavn ?? '' }));

  const withPersons = figures.filter((f) => f.andelKvinder !== null);
  const { ikkeLigelige, medMaaltal, medPolitik } = obligations(figures);
  const medTidligere = figures.filter((f) => f.tidligereMaal !== 'intet');
  const n = figures.length;

  const regionOf = (code: string): string => kommuner[code]?.regionskode ?? '';
  const regionTal: RegionTal[] = Object.keys(regioner)
    .sort()
    .map((rk) => {
      const inRegion = figures.filter((f) => regionOf(f.kommunekode) === rk);
      const obligedHere = countWhere(obliged, (code) => regionOf(code) === rk);
      const o = obligations(inRegion);
      return {
        regionskode: rk,
        navn: regioner[rk]?.regionsnavn ?? rk,
        indberettet: share(inRegion.length, obligedHere),
        andelKvinder: pooledShare(inRegion),
        ligelig: share(countWhere(inRegion, (f) => f.ligelig.samlet), inRegion.length),
        medMaaltal: o.medMaaltal,
        medPolitik: o.medPolitik,
      };
    });

  let forrige: MemoContext['forrige'] = null;
  if (input.previous) {
    const before = core(input.previous.round, input.previous.reports).hovedtal;
    const aendring: Aendring = {
      indberettet: hovedtal.indberettet - before.indberettet,
      andelKvinder: diff(hovedtal.andelKvinder, before.andelKvinder),
      ligelig: diff(hovedtal.ligelig, before.ligelig),
      medMaaltal: diff(hovedtal.medMaaltal, before.medMaaltal),
      medPolitik: diff(hovedtal.medPolitik, before.medPolitik),
      opfyldt: diff(hovedtal.opfyldt, before.opfyldt),
      under20: diff(hovedtal.under20, before.under20),
    };
    forrige = { runde: { id: input.previous.round.id, titel: input.previous.round.title }, hovedtal: before, aendring };
  }

  return {
    runde: {
      id: facts.id,
      titel: facts.titel,
      aar: facts.aar,
      indberetningsaar: facts.indberetningsaar,
      frist: facts.frist,
      afsender: facts.afsender,
    },
    genereret: generatedAt,
    indberetning: {
      forpligtede: obliged.length,
      indberettet: share(n, obliged.length),
      enheder: figures.reduce((a, f) => a + f.enheder, 0),
      delteKommuner: countWhere(figures, (f) => kommuner[f.kommunekode]?.delt_administrativ_ledelse === 'ja'),
      mangler,
    },
    koen: { niveau1: koenTal(figures, 'niveau1'), niveau2: koenTal(figures, 'niveau2'), samlet: koenTal(figures, 'samlet') },
    ligelig: {
      niveau1: share(countWhere(figures, (f) => f.ligelig.niveau1), n),
      niveau2: share(countWhere(figures, (f) => f.ligelig.niveau2), n),
      samlet: share(countWhere(figures, (f) => f.ligelig.samlet), n),
    },
    ikkeLigelig: { antal: ikkeLigelige.length, medMaaltal, medPolitik },
    tidligereMaal: {
      medTidligereMaal: share(medTidligere.length, n),
      opfyldt: share(countWhere(medTidligere, (f) => f.tidligereMaal === 'opfyldt'), medTidligere.length),
      ikkeOpfyldt: share(countWhere(medTidligere, (f) => f.tidligereMaal === 'ikkeOpfyldt'), medTidligere.length),
    },
    fordeling: {
      baand: bands(withPersons),
      under20: share(countWhere(withPersons, (f) => (f.andelKvinder as number) < 20), withPersons.length),
      udenPersoner: n - withPersons.length,
    },
    regioner: regionTal,
    stoerrelse: sizeGroups(figures),
    hovedtal,
    forrige,
  };
}
