/** A municipality as the synthetic population needs it. */
export interface SyntheticMunicipality {
  readonly kommunekode: string;
  readonly navn: string;
  /** Split administrative leadership: one unit per department. */
  readonly delt: boolean;
}

/** What the generator needs: randomness, the engine's `prepare` (to learn which units are equal) and the round's year. */
export interface SyntheticDeps {
  readonly rng: () => number;
  readonly prepare: (data: unknown) => unknown;
  /** The round's year; target years fall within the following four. */
  readonly aar: number;
}

const DEPARTMENTS = [
  'Økonomiforvaltningen',
  'Børne- og Ungdomsforvaltningen',
  'Sundheds- og Omsorgsforvaltningen',
  'Socialforvaltningen',
  'Teknik- og Miljøforvaltningen',
  'Kultur- og Fritidsforvaltningen',
  'Beskæftigelses- og Integrationsforvaltningen',
];

const POLICIES = [
  'Kommunen arbejder for en mere ligelig kønssammensætning i den øverste ledelse ved rekruttering og udvikling af ledere.',
  'Ved hver ledig stilling i direktionen opfordres begge køn til at søge, og der indkaldes kandidater af begge køn til samtale.',
  'Talentprogrammet for kommende topledere sammensættes med lige mange kvinder og mænd.',
];

const ACTIONS = [
  'Stillingsopslag er gennemgået for kønnet sprog, og ansættelsesudvalg har deltaget i kursus om ubevidst bias.',
  'Der er etableret et mentorprogram for ledere af det underrepræsenterede køn.',
  'Rekrutteringsfirmaer er bedt om at præsentere kandidater af begge køn.',
];

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

function binomial(rng: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

function slug(navn: string): string {
  return navn
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * Makes one plausible report for a municipality: one unit (or five to seven departments for a
 * split municipality), a share of women drawn per municipality, and a target and a policy for
 * most units without equal composition. The answers are raw: the caller submits them through the
 * engine's validation like any respondent's.
 * @param m the municipality
 * @param deps randomness, the form's `prepare`, the year
 * @returns the raw answers
 */
export function syntheticAnswers(m: SyntheticMunicipality, deps: SyntheticDeps): Record<string, unknown> {
  const { rng } = deps;
  const womenShare = 0.2 + rng() * 0.55;
  const names = m.delt ? DEPARTMENTS.slice(0, 5 + Math.floor(rng() * 3)) : [`${m.navn} Kommune`];
  const units = names.map((navn) => {
    const leaderIsWoman = rng() < womenShare;
    const size = 2 + Math.floor(rng() * 7);
    const women = binomial(rng, size, womenShare);
    return {
      navn,
      niveau1: { kvinder: leaderIsWoman ? 1 : 0, maend: leaderIsWoman ? 0 : 1 },
      niveau2: { kvinder: women, maend: size - women },
      tidligereMaal: (() => {
        const r = rng();
        if (r < 0.5) return { status: 'intet' };
        if (r < 0.75) return { status: 'opfyldt' };
        return { status: 'ikkeOpfyldt', begrundelse: 'Der har ikke været ledige stillinger i den øverste ledelse i perioden.' };
      })(),
    };
  });
  const draft = { kommunekode: m.kommunekode, enheder: units, kontakt: { navn: `Kontaktperson i ${m.navn}`, email: `indberetning@${slug(m.navn)}.dk` } };
  // The engine decides which units are equal; only those that are not need a target and a policy.
  const prepared = deps.prepare(draft) as { enheder: Array<{ ligelig?: boolean; underrepraesenteretKoen?: string; antal?: number }> };
  const enheder = units.map((u, i) => {
    const p = prepared.enheder[i]!;
    if (p.ligelig) return u;
    const maaltal =
      rng() < 0.85 && p.underrepraesenteretKoen
        ? {
            fastsat: true,
            koen: p.underrepraesenteretKoen,
            andel: 40,
            antal: Math.ceil(0.4 * (p.antal ?? 0)),
            aar: deps.aar + 1 + Math.floor(rng() * 4),
          }
        : { fastsat: false, begrundelse: 'Måltallet fastsættes, når den nye direktion er på plads.' };
    const politik =
      rng() < 0.8
        ? { findes: true, indhold: pick(rng, POLICIES), handlinger: pick(rng, ACTIONS) }
        : { findes: false, begrundelse: 'Politikken er under udarbejdelse og forelægges kommunalbestyrelsen.' };
    return { ...u, maaltal, politik };
  });
  return { ...draft, enheder };
}
