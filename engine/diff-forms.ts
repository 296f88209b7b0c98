import { listFields, type Field } from './list-fields.ts';
import type { JsonSchema } from './types.ts';

/** One difference between a form and its version in the previous round. */
export interface FormChange {
  readonly kind: 'added' | 'removed' | 'renamed' | 'type' | 'constraint' | 'required' | 'choices';
  /** The field's path in the new form (in the old form for `removed`). */
  readonly path: string;
  readonly previousPath?: string;
  readonly keyword?: string;
  readonly from?: unknown;
  readonly to?: unknown;
  /** Breaking: last year's valid answers may fail, or answers are lost; additive otherwise. */
  readonly breaking: boolean;
  /** Danish description for people. */
  readonly message: string;
}

type Direction = 'higher-is-tighter' | 'lower-is-tighter';
const BOUNDS: Record<string, Direction> = {
  minimum: 'higher-is-tighter',
  exclusiveMinimum: 'higher-is-tighter',
  minLength: 'higher-is-tighter',
  minItems: 'higher-is-tighter',
  minProperties: 'higher-is-tighter',
  maximum: 'lower-is-tighter',
  exclusiveMaximum: 'lower-is-tighter',
  maxLength: 'lower-is-tighter',
  maxItems: 'lower-is-tighter',
  maxProperties: 'lower-is-tighter',
};
/** Keywords where any change may reject old answers. */
const EXACT = ['pattern', 'format', 'multipleOf', 'const'];

const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
const types = (s: JsonSchema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : []);
const choices = (s: JsonSchema): unknown[] | undefined =>
  Array.isArray(s.enum) ? (s.enum as unknown[]) : Array.isArray(s.oneOf) && s.oneOf.every((o) => o && typeof o === 'object' && 'const' in o) ? s.oneOf.map((o) => (o as JsonSchema).const) : undefined;
const show = (v: unknown): string => (v === undefined ? 'ingen' : JSON.stringify(v));

function compareField(path: string, previousPath: string | undefined, a: Field, b: Field): FormChange[] {
  const out: FormChange[] = [];
  const base = { path, ...(previousPath ? { previousPath } : {}) };
  const ta = types(a.schema);
  const tb = types(b.schema);
  if (ta.join() !== tb.join()) {
    // integer → number only widens; anything else may reject or reinterpret old answers.
    const widened = ta.every((t) => tb.includes(t) || (t === 'integer' && tb.includes('number')));
    out.push({ ...base, kind: 'type', from: ta, to: tb, breaking: !widened, message: `typen er ændret fra ${show(ta)} til ${show(tb)}` });
  }
  for (const [keyword, dir] of Object.entries(BOUNDS)) {
    const from = a.schema[keyword] as number | undefined;
    const to = b.schema[keyword] as number | undefined;
    if (from === to) continue;
    const tighter = to !== undefined && (from === undefined || (dir === 'higher-is-tighter' ? to > from : to < from));
    out.push({ ...base, kind: 'constraint', keyword, from, to, breaking: tighter, message: `${keyword} er ændret fra ${show(from)} til ${show(to)}` });
  }
  for (const keyword of EXACT) {
    const from = a.schema[keyword];
    const to = b.schema[keyword];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    out.push({ ...base, kind: 'constraint', keyword, from, to, breaking: to !== undefined, message: `${keyword} er ændret fra ${show(from)} til ${show(to)}` });
  }
  const ca = choices(a.schema);
  const cb = choices(b.schema);
  if (JSON.stringify(ca) !== JSON.stringify(cb)) {
    const removed = ca && cb ? ca.filter((v) => !cb.includes(v)) : [];
    const restricted = (ca === undefined && cb !== undefined) || removed.length > 0;
    out.push({ ...base, kind: 'choices', from: ca, to: cb, breaking: restricted, message: restricted ? `svarmuligheder fjernet: ${show(removed.length ? removed : cb)}` : 'svarmuligheder tilføjet' });
  }
  if (a.required !== b.required) {
    const rank = { never: 0, conditional: 1, always: 2 } as const;
    const stricter = rank[b.required] > rank[a.required];
    out.push({ ...base, kind: 'required', from: a.required, to: b.required, breaking: stricter, message: stricter ? 'feltet er blevet obligatorisk' : 'feltet er ikke længere obligatorisk' });
  }
  return out;
}

/**
 * Compares a form with its version in the previous round, following `x-lineage` renames: a renamed
 * group or list takes its fields along, so they are compared with their old selves, not reported
 * as removed and added.
 * @param previous the previous round's form schema
 * @param next the new round's form schema
 * @returns the changes, each classed as breaking or additive
 */
export function diffForms(previous: JsonSchema, next: JsonSchema): FormChange[] {
  const before = new Map(listFields(previous).filter((f) => !f.computed).map((f) => [f.path, f]));
  const after = listFields(next).filter((f) => !f.computed);
  const matched = new Set<string>();
  const changes: FormChange[] = [];
  for (const field of after) {
    const source = field.previous ?? field.path;
    const old = before.get(source);
    if (!old) {
      const required = field.required === 'always';
      changes.push({
        kind: 'added',
        path: field.path,
        breaking: required,
        message: required ? 'nyt obligatorisk felt' : field.required === 'conditional' ? 'nyt felt, obligatorisk når betingelsen er opfyldt' : 'nyt valgfrit felt',
        ...(field.previous ? { previousPath: field.previous } : {}),
      });
      continue;
    }
    matched.add(source);
    // A field renamed only because its group was renamed says nothing the group's rename does not.
    const ownLineage = isObj(field.schema['x-lineage']) && typeof field.schema['x-lineage'].previous === 'string';
    if (source !== field.path && ownLineage) {
      const message = field.container ? `omdøbt fra ${source}; felterne i den følger med` : `omdøbt fra ${source}`;
      changes.push({ kind: 'renamed', path: field.path, previousPath: source, breaking: false, message });
    }
    changes.push(...compareField(field.path, source !== field.path ? source : undefined, old, field));
  }
  for (const [path, field] of before) {
    if (matched.has(path)) continue;
    // A removed container's children are reported with it.
    if ([...before.keys()].some((p) => p !== path && path.startsWith(`${p}/`) && !matched.has(p))) continue;
    changes.push({ kind: 'removed', path, breaking: true, message: field.container ? 'gruppen er fjernet; svarene i den følger ikke med' : 'feltet er fjernet; svarene følger ikke med' });
  }
  return changes;
}
