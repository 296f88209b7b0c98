import type { Round } from '../engine/index.ts';
import type { ReportSpecDiff } from '../engine/rounds/index.ts';
import { readReportSpec } from './compile-report.ts';
import { diffReportSpecs } from './diff-report-specs.ts';
import { reportSpecIssues } from './report-spec-issues.ts';

const specOf = (round: Round) => {
  const read = readReportSpec(round);
  return read && 'spec' in read ? read.spec : undefined;
};

/**
 * The report-spec part of a round diff: what the analyst changed in reports.json, and what in the
 * new spec no longer fits the new forms. Given to `diffRound` by the service and the command line.
 * @param previous the previous round
 * @param next the new round
 * @returns the changes and problems, or null when neither round has a report spec
 */
export function diffRoundReports(previous: Round, next: Round): ReportSpecDiff | null {
  const before = specOf(previous);
  const after = specOf(next);
  const problems = reportSpecIssues(next);
  if (!before && !after && problems.length === 0) return null;
  return { changes: diffReportSpecs(before, after), problems };
}
