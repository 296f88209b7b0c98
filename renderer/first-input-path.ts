import type { Issue, JsonSchema } from '../engine/index.ts';
import { schemaAt } from './schema-at.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Where the reader fills a missing group in: its first required field that is not computed, and
 * within a group that field's own first one, so a link or message about the group lands on an input.
 * @param schema the form schema
 * @param path a JSON Pointer
 * @returns the pointer of the group's first input, or `path` itself when it names no group
 */
export function firstInputPath(schema: JsonSchema, path: string): string {
  let at = path;
  for (let depth = 0; depth < 10; depth++) {
    const s = schemaAt(schema, at);
    const props = s && isObject(s.properties) ? s.properties : undefined;
    if (!s || !props || s.type !== 'object') return at;
    const required = Array.isArray(s.required) ? (s.required as unknown[]) : Object.keys(props);
    const next = Object.keys(props).find((k) => required.includes(k) && !(isObject(props[k]) && (props[k] as Record<string, unknown>).readOnly === true));
    if (next === undefined) return at;
    at = `${at}/${next.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return at;
}

/**
 * Moves each `required` issue about a whole group to the group's first input.
 * @param schema the form schema
 * @param issues the engine's issues
 * @returns the issues, those about groups pointing at an input
 */
export function issuesAtInputs(schema: JsonSchema, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => (i.keyword === 'required' ? { ...i, path: firstInputPath(schema, i.path) } : i));
}
