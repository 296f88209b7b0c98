import type { WorkflowDeps } from '../workflows/index.ts';

/** What round administration needs: the workflows' database, registry and clock, and where file rounds live. */
export interface RoundsDeps extends WorkflowDeps {
  /** The `schemas/` folder the file-based rounds were loaded from. */
  readonly schemasDir: string;
}
