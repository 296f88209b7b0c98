import type { SubmittedReport } from './submitted-report.ts';

/**
 * Keeps one report per obliged respondent: the latest submitted, by the instant `submittedAt`
 * names. Timestamps are compared as instants, not as text: `…T23:30:00+02:00` is earlier than
 * `…T22:00:00Z` of the same day although it sorts after it. Reports from organisations outside the
 * round's respondents, and reports whose time cannot be read, are left out.
 * @param reports submitted reports in any order
 * @param obliged the respondents' keys
 * @returns the reports by respondent key
 */
export function latestReports(reports: readonly SubmittedReport[], obliged: { has(key: string): boolean }): Map<string, SubmittedReport> {
  const latest = new Map<string, { report: SubmittedReport; at: number }>();
  for (const r of reports) {
    if (!obliged.has(r.respondent)) continue;
    const at = Date.parse(r.submittedAt);
    if (Number.isNaN(at)) continue;
    const seen = latest.get(r.respondent);
    // On the same instant the later in the list wins, as storage lists them in order of writing.
    if (!seen || seen.at <= at) latest.set(r.respondent, { report: r, at });
  }
  return new Map([...latest].map(([k, v]) => [k, v.report]));
}
