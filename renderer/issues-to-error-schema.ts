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
      // A key named `__errors` is rjsf's own list: the message stays with the object holding it.
      if (key === '__errors') break;
      // Own properties only, defined rather than assigned: a key such as `__proto__` (an unknown
      // answer's name) must add a node, not reach Object.prototype.
      if (!Object.hasOwn(node, key)) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
      node = node[key] as Record<string, unknown>;
    }
    if (!Object.hasOwn(node, '__errors')) node.__errors = [];
    const list = node.__errors as string[];
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return root as ErrorSchema;
}
