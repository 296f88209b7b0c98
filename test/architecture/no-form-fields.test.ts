/**
 * Everything law-specific lives in the round's files: product code (engine, reports, server, CLI,
 * renderer) must not know the names of any round's form fields, or next year's forms would be a
 * change of code after all. This collects every field name the rounds' form schemas declare and
 * looks for each as a token in the product sources.
 *
 * Matches count wherever they are — code, strings and comments alike: a string `'enheder'` is as
 * much knowledge of the form as an identifier, and an example in a comment teaches the next
 * reader the 2024 form's names. Generated files (a DO NOT EDIT banner at the top) are left out:
 * they are derived from the schemas and checked against them by `typegen --check`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCHEMAS = path.join(ROOT, 'schemas');
const PRODUCT_DIRS = ['reports', 'server', 'bin', 'renderer', 'engine'];
const SOURCE = /\.(ts|tsx|hbs)$/;

/**
 * Field names that are also the engine's own words, used for its own structure. Each stays until
 * the reason given goes away; anything not listed here is a finding.
 */
const EXEMPT: Readonly<Record<string, string>> = {
  // People and places the engine stores itself: users, organisations, units and contacts have a
  // name; users log in by e-mail; the contacts table has a phone column.
  navn: 'name column of users, organisations, units, contacts',
  email: 'users log in by e-mail; contacts column',
  telefon: 'contacts table column',
  // A submission's, a mail's and an HTTP response's status.
  status: 'submission, mail, credential and HTTP status',
  // The reports layer's own Danish vocabulary for a count, a share, the round's year and a
  // figure's unit (share.ts, figure values, round facts, the memo's overview lines).
  antal: 'reports: a count',
  andel: 'reports: a share',
  aar: "round.json's year, read by round facts",
  enhed: "reports: a figure's unit of measure",
  // Ordinary Danish words in messages and page text ("findes ikke", "Gå til indhold",
  // "WCAG 2.1 niveau AA", "Handlinger", "ikke fastsat").
  findes: 'Danish verb "exists", in messages',
  indhold: 'Danish "content", in page text',
  niveau: 'Danish "level", in messages',
  handlinger: 'Danish "actions", a page heading',
  fastsat: 'Danish "set", in messages',
};

/**
 * Names allowed in one file only, each with the issue that removes it. A per-file entry keeps the
 * name watched everywhere else.
 */
const FILE_EXEMPT: Readonly<Record<string, readonly string[]>> = {
  // Frozen migrations: the first release's organisations columns, created once and renamed or
  // dropped by the migration that made organisations generic.
  'engine/db/migrations/2026-11-25-initial.ts': ['kommunekode', 'regionskode'],
  'engine/db/migrations/2026-12-07-respondents.ts': ['kommunekode', 'regionskode'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keywords whose value maps names to schemas (or, dependentRequired, to lists of names). */
const NAME_MAPS = new Set(['properties', '$defs', 'definitions', 'dependentSchemas', 'dependentRequired', 'dependencies']);
/** Keywords whose value is data, not schema: a key inside them names nothing. */
const DATA = new Set(['const', 'enum', 'default', 'examples', 'x-enumTitles']);

/**
 * Every field name a schema declares, at any depth: property names, `$defs` names, names in
 * `required` and the dependency keywords, and the segments of `x-lineage` pointers (last round's
 * names, which carry-over code could otherwise hard-wire).
 * @param schema a form schema
 * @returns the names
 */
function declaredNames(schema: Json): Set<string> {
  const names = new Set<string>();
  const addPointer = (p: string) => {
    for (const seg of p.split('/')) {
      const s = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      if (s !== '' && s !== '-' && s !== '*' && !/^\d+$/.test(s)) names.add(s);
    }
  };
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (DATA.has(k)) continue;
      if (NAME_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        for (const [name, sub] of Object.entries(v)) {
          names.add(name);
          if (Array.isArray(sub)) sub.forEach((n) => typeof n === 'string' && names.add(n));
          else walk(sub);
        }
      } else if (k === 'required' && Array.isArray(v)) {
        v.forEach((n) => typeof n === 'string' && names.add(n));
      } else if (k === 'x-lineage' && typeof v === 'string') {
        addPointer(v);
      } else walk(v);
    }
  };
  walk(schema);
  return names;
}

/** The form schemas of every round under schemas/, as round.json lists them. */
function roundForms(): { file: string; schema: Json }[] {
  const out: { file: string; schema: Json }[] = [];
  for (const e of readdirSync(SCHEMAS, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const dir = path.join(SCHEMAS, e.name);
    const round = JSON.parse(readFileSync(path.join(dir, 'round.json'), 'utf8')) as { forms?: { schema: string }[] };
    for (const f of round.forms ?? []) out.push({ file: path.join(e.name, f.schema), schema: JSON.parse(readFileSync(path.join(dir, f.schema), 'utf8')) as Json });
  }
  return out;
}

// A token is a run of letters, digits, `_`, `$` and `-`: `ingen-kontakt` and `kontaktAendret` are
// other words than `kontakt`, while `enheder[].navn` and `'enheder' in props` hold `enheder`.
const TOKEN_CHAR = String.raw`[\p{L}\p{N}_$-]`;

/**
 * A detector for a set of names as whole tokens.
 * @param names the names to look for
 * @returns a function giving each hit in a text by line (1-based) and name
 */
function detector(names: Iterable<string>): (text: string) => { line: number; name: string }[] {
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (escaped.length === 0) return () => [];
  const re = new RegExp(`(?<!${TOKEN_CHAR})(?:${escaped.join('|')})(?!${TOKEN_CHAR})`, 'gu');
  return (text) => {
    const hits: { line: number; name: string }[] = [];
    text.split('\n').forEach((l, i) => {
      for (const m of l.matchAll(re)) hits.push({ line: i + 1, name: m[0] });
    });
    return hits;
  };
}

/**
 * Whether a file is generated: its leading comments (before any code) carry a DO NOT EDIT
 * banner. Only the top counts, so the generator that writes the banner (engine/typegen.ts) is
 * still checked.
 * @param text the file's text
 * @returns true for a generated file
 */
function isGenerated(text: string): boolean {
  const head = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/|\{\{!--[\s\S]*?--\}\}))+/.exec(text)?.[0] ?? '';
  return /DO[ -]NOT[ -]EDIT/i.test(head);
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') yield* sourceFiles(p);
    } else if (SOURCE.test(e.name)) yield p;
  }
}

describe('product code names no form field', () => {
  const forms = roundForms();
  const all = new Set(forms.flatMap((f) => [...declaredNames(f.schema)]));
  const watched = [...all].filter((n) => !Object.hasOwn(EXEMPT, n));
  const find = detector(watched);

  it('finds the rounds and their fields', () => {
    expect(forms.length).toBeGreaterThan(0);
    expect(watched.length).toBeGreaterThan(0);
  });

  it('keeps its exemptions to field names that exist', () => {
    // An exemption for a name no form declares any more is stale and should go.
    expect(Object.keys(EXEMPT).filter((n) => !all.has(n))).toEqual([]);
  });

  it('collects names at every depth, in $defs, required and x-lineage', () => {
    const names = declaredNames({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'object', properties: { b: { items: { $ref: '#/$defs/c' } } } } },
      $defs: { c: { properties: { d: { 'x-lineage': '/old/-/e~1f', const: { notAName: 1 } } } } },
      if: { properties: { g: { const: 'x' } } },
      then: { required: ['h'] },
      dependentRequired: { i: ['j'] },
      enum: [{ alsoNotAName: 1 }],
    });
    expect([...names].sort()).toEqual(['a', 'b', 'c', 'd', 'e/f', 'g', 'h', 'i', 'j', 'old']);
  });

  it('catches a planted field name and only as a whole token', () => {
    const name = watched[0]!;
    const sample = ['const ok = 1;', `const n = answers.${name}.length;`, `// ${name}Count ${name}_x x${name} ingen-${name} are other words`, `if ('${name}' in props) {}`].join('\n');
    expect(find(sample)).toEqual([
      { line: 2, name },
      { line: 4, name },
    ]);
  });

  it('tells generated files by their banner at the top only', () => {
    expect(isGenerated('/* eslint-disable */\n/**\n * DO NOT EDIT: generated\n */\nexport type X = 1;')).toBe(true);
    expect(isGenerated('// Generated by x. DO NOT EDIT.\nexport {};')).toBe(true);
    expect(isGenerated("import x from 'y';\nexport const BANNER = `/* DO NOT EDIT */`;")).toBe(false);
  });

  it('finds none in reports/, server/, bin/, renderer/ or engine/', () => {
    // One entry per line and name: two on a line are one place to change.
    const hits = new Set<string>();
    for (const dir of PRODUCT_DIRS) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = readFileSync(file, 'utf8');
        if (isGenerated(text)) continue;
        const rel = path.relative(ROOT, file);
        for (const h of find(text)) if (!FILE_EXEMPT[rel]?.includes(h.name)) hits.add(`${rel}:${h.line}:${h.name}`);
      }
    }
    expect([...hits], `form field names in product code (exempt: ${Object.keys(EXEMPT).join(', ')})`).toEqual([]);
  });
});
