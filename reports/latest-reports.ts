import type { SubmittedReport } from './maaltal-answer.ts';

/**
 * Keeps one report per obliged municipality: the latest submitted, by the instant `submittedAt`
 * names. Timestamps are compared as instants, not as text: `…T23:30:00+02:00` is earlier than
 * `…T22:00:00Z` of the same day although it sorts after it. Reports from organisations outside the
 * round's municipality table, and reports whose time cannot be read, are left out.
 * @param reports submitted reports in any order
 * @param kommuner the round's municipality table, keyed by kommunekode
 * @returns the reports by kommunekode
 */
export function latestReports(
  reports: readonly SubmittedReport[],
  kommuner: Readonly<Record<string, unknown>>,
): Map<string, SubmittedReport> {
  const latest = new Map<string, { report: SubmittedReport; at: number }>();
  for (const r of reports) {
    if (!Object.hasOwn(kommuner, r.kommunekode)) continue;
    const at = Date.parse(r.submittedAt);
    if (Number.isNaN(at)) continue;
    const seen = latest.get(r.kommunekode);
    // On the same instant the later in the list wins, as storage lists them in order of writing.
    if (!seen || seen.at <= at) latest.set(r.kommunekode, { report: r, at });
  }
  return new Map([...latest].map(([k, v]) => [k, v.report]));
}
