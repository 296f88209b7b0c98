import type { Andel } from './share.ts';

/** Women and men counted at one level, with the pooled share and the mean of the municipalities' shares. */
export interface KoenTal {
  readonly kvinder: number;
  readonly maend: number;
  readonly antal: number;
  /** Women out of all persons at the level, per cent. */
  readonly andelKvinder: number | null;
  readonly andelMaend: number | null;
  /** The mean of each municipality's share of women, per cent. */
  readonly gennemsnitAndelKvinder: number | null;
}

/** The headline figures, also kept for comparison with the next round. Shares in per cent. */
export interface Hovedtal {
  readonly indberettet: number;
  readonly forpligtede: number;
  readonly andelKvinder: number | null;
  readonly ligelig: number | null;
  readonly medMaaltal: number | null;
  readonly medPolitik: number | null;
  readonly opfyldt: number | null;
  readonly under20: number | null;
}

/** A municipality that has not reported. */
export interface Manglende {
  readonly kommunekode: string;
  readonly navn: string;
  readonly regionsnavn: string;
}

/** A 10-point band of the share of women. */
export interface Baand {
  readonly fra: number;
  readonly til: number;
  readonly etiket: string;
  readonly kommuner: Andel;
}

/** The figures for one region. */
export interface RegionTal {
  readonly regionskode: string;
  readonly navn: string;
  readonly indberettet: Andel;
  readonly andelKvinder: number | null;
  readonly ligelig: Andel;
  readonly medMaaltal: Andel;
  readonly medPolitik: Andel;
}

/** The figures for one size group of top management (persons on both levels). */
export interface StoerrelseTal {
  readonly etiket: string;
  readonly fra: number;
  readonly til: number | null;
  readonly kommuner: Andel;
  readonly andelKvinder: number | null;
  readonly ligelig: Andel;
}

/** Change in percentage points (count for `indberettet`) from the previous round. */
export interface Aendring {
  readonly indberettet: number;
  readonly andelKvinder: number | null;
  readonly ligelig: number | null;
  readonly medMaaltal: number | null;
  readonly medPolitik: number | null;
  readonly opfyldt: number | null;
  readonly under20: number | null;
}

/**
 * Everything the memo templates may show. Every key is always present (null where a figure does
 * not exist), because the templates run in Handlebars' strict mode.
 */
export interface MemoContext {
  readonly runde: {
    readonly id: string;
    readonly titel: string;
    readonly aar: number | null;
    readonly indberetningsaar: number | null;
    /** The report form's inclusive deadline, ISO date. */
    readonly frist: string | null;
    readonly afsender: string;
  };
  /** When the memo was made, ISO-8601 UTC. */
  readonly genereret: string;
  readonly indberetning: {
    readonly forpligtede: number;
    readonly indberettet: Andel;
    readonly enheder: number;
    /** Reporting municipalities with split administrative leadership, which report one unit per department. */
    readonly delteKommuner: number;
    readonly mangler: readonly Manglende[];
  };
  readonly koen: { readonly niveau1: KoenTal; readonly niveau2: KoenTal; readonly samlet: KoenTal };
  readonly ligelig: { readonly niveau1: Andel; readonly niveau2: Andel; readonly samlet: Andel };
  readonly ikkeLigelig: { readonly antal: number; readonly medMaaltal: Andel; readonly medPolitik: Andel };
  readonly tidligereMaal: { readonly medTidligereMaal: Andel; readonly opfyldt: Andel; readonly ikkeOpfyldt: Andel };
  readonly fordeling: { readonly baand: readonly Baand[]; readonly under20: Andel; readonly udenPersoner: number };
  readonly regioner: readonly RegionTal[];
  readonly stoerrelse: readonly StoerrelseTal[];
  readonly hovedtal: Hovedtal;
  readonly forrige: null | {
    readonly runde: { readonly id: string; readonly titel: string };
    readonly hovedtal: Hovedtal;
    readonly aendring: Aendring;
  };
}
