import type { LintIssue, Round } from '../engine/index.ts';
import { reportOf } from './report-of.ts';
import { REPORT_SPEC_FILE } from './report-spec.ts';

/**
 * A round's report spec problems as lint issues, so the editor and publishing show them beside the
 * forms' (file and JSON pointer). A round without `reports.json` has nothing to report on and no
 * problem: the ministry may publish a form before deciding its memo.
 * @param round the compiled round
 * @returns the issues
 */
export function reportSpecIssues(round: Round): LintIssue[] {
  if (!Object.hasOwn(round.files, REPORT_SPEC_FILE)) return [];
  return reportOf(round).problems.map((p) => ({ file: REPORT_SPEC_FILE, pointer: p.pointer, message: p.message }));
}
