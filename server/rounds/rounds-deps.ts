import type { RoundsDeps } from '../../engine/rounds/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { reportSpecIssues } from '../../reports/index.ts';

/**
 * The round workflows' dependencies derived from the app's.
 * @param deps the app's dependencies
 * @returns database, registry, clock, the schemas folder and the report spec check
 */
export function roundsDeps(deps: AppDeps): RoundsDeps {
  return { ...workflowDeps(deps), schemasDir: deps.config.schemasDir, checkCompiled: reportSpecIssues };
}
