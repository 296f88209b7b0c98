import type { ReportRound } from './report-round.ts';

/** The round settings the reports print, read defensively from round.json. */
export interface RoundFacts {
  readonly id: string;
  readonly titel: string;
  readonly aar: number | null;
  readonly indberetningsaar: number | null;
  readonly frist: string | null;
  readonly tidszone: string;
  readonly afsender: string;
  /** The legal basis of the duty to report (`retsgrundlag`), or null where the round names none. */
  readonly retsgrundlag: string | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads the year, reporting year, the form's deadline and sender from a round's settings.
 * @param round the round
 * @param formName the form whose deadline counts
 * @returns the facts
 */
export function roundFacts(round: ReportRound, formName: string): RoundFacts {
  const s = round.settings as Record<string, unknown>;
  const forms = Array.isArray(s.forms) ? (s.forms as Array<Record<string, unknown>>) : [];
  const fristKey = forms.find((f) => f.name === formName)?.frist;
  const datoer = (s.datoer ?? {}) as Record<string, unknown>;
  const frist = typeof fristKey === 'string' && typeof datoer[fristKey] === 'string' ? (datoer[fristKey] as string) : null;
  const afsender = (s.afsender ?? {}) as Record<string, unknown>;
  return {
    id: round.id,
    titel: round.title,
    aar: num(s.aar),
    indberetningsaar: num(s.indberetningsaar),
    frist,
    tidszone: typeof s.tidszone === 'string' ? s.tidszone : 'Europe/Copenhagen',
    afsender: typeof afsender.navn === 'string' ? afsender.navn : '',
    retsgrundlag: typeof s.retsgrundlag === 'string' ? s.retsgrundlag : null,
  };
}
