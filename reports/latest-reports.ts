import type { SubmittedReport } from './maaltal-answer.ts';

/**
 * Keeps one report per obliged municipality: the latest submitted, by `submittedAt`. Reports from
 * organisations outside the round's municipality table are left out.
 * @param reports submitted reports in any order
 * @param kommuner the round's municipality table, keyed by kommunekode
 * @returns the reports by kommunekode
 */
export function latestReports(
  reports: readonly SubmittedReport[],
  kommuner: Readonly<Record<string, unknown>>,
): Map<string, SubmittedReport> {
  const latest = new Map<string, SubmittedReport>();
  for (const r of reports) {
    if (!Object.hasOwn(kommuner, r.kommunekode)) continue;
    const seen = latest.get(r.kommunekode);
    if (!seen || seen.submittedAt < r.submittedAt) latest.set(r.kommunekode, r);
  }
  return latest;
}
