import type { Round } from '../compile-round.ts';
import type { LintIssue } from '../round-files.ts';
import type { WorkflowDeps } from '../workflows/index.ts';

/** What round administration needs: the workflows' database, registry and clock, and where file rounds live. */
export interface RoundsDeps extends WorkflowDeps {
  /** The `schemas/` folder the file-based rounds were loaded from. */
  readonly schemasDir: string;
  /**
   * Checks a compiled round beyond its forms (its report spec), so publishing refuses what the
   * reports could not read. Passed in: the engine knows nothing of reports.
   */
  readonly checkCompiled?: (round: Round) => readonly LintIssue[];
}
