import type { SubmittedReport } from './submitted-report.ts';

/**
 * Keeps one report per obliged respondent: the latest submitted. Times are compared as instants,
 * so `…T23:30:00+02:00` is earlier than `…T22:00:00Z`; a text that is no time never wins.
 * Reports from organisations outside the round's respondents are left out.
 * @param reports submitted reports in any order
 * @param obliged the respondents' codes
 * @returns the reports by respondent code
 */
export function latestReports(reports: readonly SubmittedReport[], obliged: { has(key: string): boolean }): Map<string, SubmittedReport> {
  const latest = new Map<string, { report: SubmittedReport; at: number }>();
  for (const r of reports) {
    if (!obliged.has(r.respondent)) continue;
    const parsed = Date.parse(r.submittedAt);
    const at = Number.isNaN(parsed) ? -Infinity : parsed;
    const seen = latest.get(r.respondent);
    if (!seen || seen.at < at) latest.set(r.respondent, { report: r, at });
  }
  return new Map([...latest].map(([k, v]) => [k, v.report]));
}
