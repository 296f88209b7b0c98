import { createHash } from 'node:crypto';
import type { Round } from '../compile-round.ts';

// Keywords that only describe or label: they change what people read, never a verdict.
const TEXT_KEYWORDS = new Set(['title', 'description', '$comment', 'examples', 'x-en', 'x-demo', 'x-enumTitles', 'x-messages']);
// Keywords whose value maps names to subschemas (the names themselves are data, not keywords).
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
// Keywords whose value is a subschema or a list of them.
const SUBSCHEMAS = new Set([
  'items', 'prefixItems', 'additionalItems', 'contains', 'additionalProperties', 'propertyNames', 'unevaluatedItems',
  'unevaluatedProperties', 'not', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema without its texts: what an answer is checked against, and nothing people only read. */
function contractOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(contractOf);
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  for (const k of Object.keys(schema).sort()) {
    if (TEXT_KEYWORDS.has(k)) continue;
    const v = schema[k];
    if (SCHEMA_MAPS.has(k) && isObj(v)) out[k] = Object.fromEntries(Object.keys(v).sort().map((n) => [n, contractOf(v[n])]));
    else if (SUBSCHEMAS.has(k)) out[k] = contractOf(v);
    // A rule's message is text; its logic and parameters are the contract.
    else if (k === 'x-rules' && Array.isArray(v)) out[k] = v.map((r) => (isObj(r) ? { ...r, message: undefined } : r));
    else out[k] = v;
  }
  return out;
}

/** Collects every `$round` path a rule or computed value reads; false when one is computed at run time. */
function roundReads(node: unknown, out: Set<string>): boolean {
  if (Array.isArray(node)) return node.every((n) => roundReads(n, out));
  if (!isObj(node)) return true;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'var') {
      const path = Array.isArray(v) ? v[0] : v;
      if (typeof path === 'string') {
        if (path === '$round' || path.startsWith('$round.')) out.add(path);
      } else {
        // A path built as {"cat": ["$round.a.b.", key, …]} reads somewhere below $round.a.b.
        const cat = isObj(path) ? path.cat : undefined;
        const head = Array.isArray(cat) ? cat[0] : undefined;
        if (Array.isArray(cat) && typeof head === 'string' && head.startsWith('$round.') && head.endsWith('.')) {
          out.add(head.slice(0, -1));
          if (!roundReads(cat.slice(1), out)) return false;
        } else if (JSON.stringify(path).includes('$round')) return false;
      }
      if (Array.isArray(v) && !roundReads(v.slice(1), out)) return false;
      continue;
    }
    if (!roundReads(v, out)) return false;
  }
  return true;
}

function at(settings: unknown, dotted: string): unknown {
  let cur = settings;
  for (const p of dotted.split('.').slice(1)) cur = isObj(cur) ? cur[p] : undefined;
  return cur ?? null;
}

/**
 * The hash of a round's contract: what its answers are validated against. That is every form's
 * schema and rules without titles, descriptions, messages and other texts, the round's tables, and
 * the values of round.json that its rules read (all of round.json when a rule builds a `$round`
 * path at run time). Texts, ui hints, templates, the report spec and dates are outside it, so they
 * stay correctable once answers are submitted.
 * @param round the compiled round
 * @returns hex SHA-256
 */
export function contractHash(round: Round): string {
  const forms = [...round.forms.values()].map((f) => [f.name, contractOf(f.schema)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const reads = new Set<string>();
  const exact = forms.every(([, s]) => roundReads(s, reads));
  const settings = exact ? [...reads].sort().map((p) => [p, at(round.settings, p)]) : round.settings;
  const tables = Object.keys(round.tables).sort().map((t) => [t, round.tables[t]]);
  return createHash('sha256').update(JSON.stringify({ forms, settings, tables })).digest('hex');
}
