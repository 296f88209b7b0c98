import { carryOver } from './carry-over.ts';
import type { CompiledForm, Issue } from './types.ts';

/** One stored answer from an earlier round, named for the report (e.g. the code). */
export interface EarlierAnswer {
  readonly label: string;
  readonly answers: unknown;
}

/** What would happen to last year's answers under the new form. */
export interface DryRunReport {
  readonly total: number;
  readonly valid: number;
  readonly invalid: number;
  /** Issues grouped by path (array positions as `*`), keyword and message, most frequent first. */
  readonly issues: readonly { readonly path: string; readonly keyword: string; readonly message: string; readonly count: number }[];
  readonly failures: readonly { readonly label: string; readonly issues: readonly Issue[] }[];
}

/**
 * Validates earlier answers, carried over through lineage, against a new form.
 * @param earlier last round's submitted answers
 * @param next the new round's compiled form
 * @returns counts of what would fail and why
 */
export function dryRun(earlier: readonly EarlierAnswer[], next: CompiledForm): DryRunReport {
  const groups = new Map<string, { path: string; keyword: string; message: string; count: number }>();
  const failures: { label: string; issues: readonly Issue[] }[] = [];
  for (const { label, answers } of earlier) {
    const result = next.validate(carryOver(answers, next.schema));
    if (result.ok) continue;
    failures.push({ label, issues: result.issues });
    for (const issue of result.issues) {
      const path = issue.path.replace(/\/\d+(?=\/|$)/g, '/*');
      const key = `${path}\u0000${issue.keyword}\u0000${issue.message}`;
      const group = groups.get(key) ?? { path, keyword: issue.keyword, message: issue.message, count: 0 };
      group.count++;
      groups.set(key, group);
    }
  }
  return {
    total: earlier.length,
    valid: earlier.length - failures.length,
    invalid: failures.length,
    issues: [...groups.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)),
    failures,
  };
}
