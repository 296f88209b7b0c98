/**
 * A valid report-form answer for a municipality with one unit that is not equally composed
 * (1 woman, 5 men), so a target and a policy are required and present.
 * @param kommunekode the municipality
 * @param navn the unit's name
 * @returns the answer
 */
export function validMaaltal(kommunekode: string, navn = 'Kommunens øverste ledelse'): Record<string, unknown> {
  return {
    kommunekode,
    enheder: [
      {
        navn,
        niveau1: { kvinder: 0, maend: 1 },
        niveau2: { kvinder: 1, maend: 4 },
        tidligereMaal: { status: 'intet' },
        maaltal: { fastsat: true, koen: 'kvinder', andel: 40, antal: 2, aar: 2026 },
        politik: { findes: true, indhold: 'Rekruttering med kønsbalancerede ansøgerfelter.', handlinger: 'Begge køn på alle shortlister.' },
      },
    ],
    kontakt: { navn: 'Kontakt Person', email: 'kontakt@example.dk' },
  };
}

/**
 * An answer the engine rejects (no units), still savable as a draft.
 * @param kommunekode the municipality
 * @returns the answer
 */
export function invalidMaaltal(kommunekode: string): Record<string, unknown> {
  return { kommunekode, enheder: [], kontakt: { navn: '', email: 'ikke-en-email' } };
}
