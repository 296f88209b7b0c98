import type { ErrorSchema } from '@rjsf/utils';
import type { Issue } from '../engine/index.ts';

/**
 * Turns the engine's issues (JSON Pointer paths) into rjsf's nested `errorSchema`, so each message
 * appears at its field.
 * @param issues issues from `CompiledForm.validate`
 * @returns an error schema rjsf accepts as `extraErrors`
 */
export function issuesToErrorSchema(issues: readonly Issue[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const raw of issue.path.split('/').slice(1)) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node.__errors ??= []) as string[];
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return root as ErrorSchema;
}
