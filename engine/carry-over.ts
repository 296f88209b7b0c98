import { listFields } from './list-fields.ts';
import type { JsonSchema } from './types.ts';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const unesc = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Every concrete (index tuple, value) under a path with `*` wildcards. */
function collect(value: unknown, segments: readonly string[], indexes: number[], out: [number[], unknown][]): void {
  if (segments.length === 0) {
    if (value !== undefined) out.push([indexes, value]);
    return;
  }
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') {
    if (Array.isArray(value)) value.forEach((v, i) => collect(v, rest, [...indexes, i], out));
  } else if (isObj(value) && Object.hasOwn(value, unesc(head))) collect(value[unesc(head)], rest, indexes, out);
}

function place(target: Record<string, unknown>, segments: readonly string[], indexes: readonly number[], value: unknown): void {
  let cur: Record<string, unknown> | unknown[] = target;
  let i = 0;
  segments.forEach((seg, n) => {
    const last = n === segments.length - 1;
    const key: string | number = seg === '*' ? (indexes[i++] as number) : unesc(seg);
    const next = segments[n + 1];
    const container = cur as Record<string | number, unknown>;
    if (last) container[key] = structuredClone(value);
    else {
      if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') container[key] = next === '*' ? [] : {};
      cur = container[key] as Record<string, unknown> | unknown[];
    }
  });
}

/**
 * Carries last round's answers into the shape of this round's form, following `x-lineage` renames:
 * every answered (not computed) field of the new form takes the value found at its previous path,
 * with array items matched by position. Run the result through the new form's `prepare` to
 * recompute values and drop what no longer applies.
 * @param answers last round's stored answers
 * @param next the new form's schema
 * @returns the carried-over answers (answers without a home in the new form are left behind)
 */
export function carryOver(answers: unknown, next: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of listFields(next)) {
    if (field.computed || field.container) continue;
    const from = (field.previous ?? field.path).split('/').slice(1);
    const to = field.path.split('/').slice(1);
    if (from.filter((s) => s === '*').length !== to.filter((s) => s === '*').length) continue;
    const found: [number[], unknown][] = [];
    collect(answers, from, [], found);
    for (const [indexes, value] of found) place(out, to, indexes, value);
  }
  return out;
}
