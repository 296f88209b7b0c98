import type { Enhed, MaaltalSvar, TidligereMaalStatus } from './maaltal-answer.ts';

/** Women, men and persons at one level (or both levels) summed over a municipality's units. */
export interface Optaelling {
  readonly kvinder: number;
  readonly maend: number;
  readonly antal: number;
}

/** One municipality's report reduced to the figures the memo counts. */
export interface KommuneTal {
  readonly kommunekode: string;
  readonly enheder: number;
  readonly niveau1: Optaelling;
  readonly niveau2: Optaelling;
  readonly samlet: Optaelling;
  /** Share of women over both levels in per cent, from the summed counts; null with no persons. */
  readonly andelKvinder: number | null;
  /** Equal at a level (or combined) when every unit is, as the engine judged each unit. */
  readonly ligelig: { readonly niveau1: boolean; readonly niveau2: boolean; readonly samlet: boolean };
  /** Not equal units that set a target, and those that have a policy, out of `ikkeLigeligeEnheder`. */
  readonly ikkeLigeligeEnheder: number;
  readonly maaltal: boolean;
  readonly politik: boolean;
  /** `intet` when no unit had an earlier target; `opfyldt` when every unit that had one reached it. */
  readonly tidligereMaal: TidligereMaalStatus;
}

const count = (units: readonly Enhed[], level: 'niveau1' | 'niveau2'): Optaelling => {
  let kvinder = 0;
  let maend = 0;
  for (const u of units) {
    kvinder += u[level].kvinder;
    maend += u[level].maend;
  }
  return { kvinder, maend, antal: kvinder + maend };
};

/**
 * Reduces a report to per-municipality figures: counts are summed over units, verdicts on equal
 * composition are the engine's per unit, and a municipality is equal only when all its units are.
 * @param answers a validated report
 * @returns the municipality's figures
 */
export function summariseMunicipality(answers: MaaltalSvar): KommuneTal {
  const units = answers.enheder;
  const niveau1 = count(units, 'niveau1');
  const niveau2 = count(units, 'niveau2');
  const samlet = {
    kvinder: niveau1.kvinder + niveau2.kvinder,
    maend: niveau1.maend + niveau2.maend,
    antal: niveau1.antal + niveau2.antal,
  };
  const notEqual = units.filter((u) => !u.ligelig);
  const earlier = units.filter((u) => u.tidligereMaal.status !== 'intet');
  return {
    kommunekode: answers.kommunekode,
    enheder: units.length,
    niveau1,
    niveau2,
    samlet,
    andelKvinder: samlet.antal > 0 ? (100 * samlet.kvinder) / samlet.antal : null,
    ligelig: {
      niveau1: units.every((u) => u.niveau1.ligelig),
      niveau2: units.every((u) => u.niveau2.ligelig),
      samlet: notEqual.length === 0,
    },
    ikkeLigeligeEnheder: notEqual.length,
    maaltal: notEqual.length > 0 && notEqual.every((u) => u.maaltal?.fastsat === true),
    politik: notEqual.length > 0 && notEqual.every((u) => u.politik?.findes === true),
    tidligereMaal:
      earlier.length === 0 ? 'intet' : earlier.every((u) => u.tidligereMaal.status === 'opfyldt') ? 'opfyldt' : 'ikkeOpfyldt',
  };
}
