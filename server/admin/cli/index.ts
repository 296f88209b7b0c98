/** What the `contacts`, `credentials` and `remind` commands share: the service's context and a progress bar. */
export { openCliContext, type CliContext } from './open-cli-context.ts';
export { createProgress, type Progress } from './progress.ts';
