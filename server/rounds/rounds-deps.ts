import type { RoundsDeps } from '../../engine/rounds/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';

/**
 * The round workflows' dependencies derived from the app's.
 * @param deps the app's dependencies
 * @returns database, registry, clock and the schemas folder
 */
export function roundsDeps(deps: AppDeps): RoundsDeps {
  return { ...workflowDeps(deps), schemasDir: deps.config.schemasDir };
}
