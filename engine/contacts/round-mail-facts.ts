import type { Round } from '../compile-round.ts';
import { reportForm } from './report-form.ts';

/** What every mail of a round says about the round and its sender. */
export interface RoundMailFacts {
  readonly runde: { readonly id: string; readonly titel: string; readonly aar: number | null };
  readonly afsender: { readonly navn: string; readonly email: string };
  readonly frist: string | null;
  readonly skema: string;
}

/**
 * Reads the round's title, year, sender (`afsender` in round.json) and the report's deadline.
 * @param round the round
 * @returns the facts
 */
export function roundMailFacts(round: Round): RoundMailFacts {
  const s = round.settings as { aar?: unknown; afsender?: { navn?: unknown; email?: unknown } };
  const report = reportForm(round);
  return {
    runde: { id: round.id, titel: round.title, aar: typeof s.aar === 'number' ? s.aar : null },
    afsender: {
      navn: typeof s.afsender?.navn === 'string' ? s.afsender.navn : 'Ligestillingsafdelingen',
      email: typeof s.afsender?.email === 'string' ? s.afsender.email : 'lige@lige.dk',
    },
    frist: report?.frist ?? null,
    skema: report?.info.title ?? round.title,
  };
}
