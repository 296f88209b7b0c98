import type { Ajv } from 'ajv';
import { createAjv } from './create-ajv.ts';
import { atPointer, refPointer } from './local-ref.ts';
import { expandOptions } from './expand-options.ts';
import { lintUi } from './lint-ui.ts';
import { compileRule, RuleSyntaxError } from './json-logic.ts';
import type { LintIssue, RoundFiles } from './round-files.ts';
import roundMetaSchema from './round.schema.json' with { type: 'json' };
import type { JsonSchema } from './types.ts';

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const isObj = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Calls `visit` for every subschema with its JSON Pointer. */
function eachSchema(node: unknown, pointer: string, visit: (s: JsonSchema, p: string) => void): void {
  if (!isObj(node)) return;
  visit(node, pointer);
  for (const key of ['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas']) {
    const map = node[key];
    if (isObj(map)) for (const [k, v] of Object.entries(map)) eachSchema(v, `${pointer}/${key}/${esc(k)}`, visit);
  }
  for (const key of ['items', 'additionalProperties', 'if', 'then', 'else', 'not', 'contains', 'unevaluatedProperties']) {
    if (isObj(node[key])) eachSchema(node[key], `${pointer}/${key}`, visit);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((v, i) => eachSchema(v, `${pointer}/${key}/${i}`, visit));
  }
}


/**
 * The first schema (a JSON Pointer) whose `$ref`, `allOf` and the like lead back to itself without a
 * step down into a property or an item: no validator can finish such a schema on any data.
 */
function referenceCycle(root: JsonSchema): string | undefined {
  // Applicators that test the same value as the schema holding them.
  const next = (p: string): string[] => {
    const s = atPointer(root, p);
    if (!isObj(s)) return [];
    const out: string[] = [];
    const ref = refPointer(s.$ref);
    if (ref !== undefined) out.push(ref);
    for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[k])) (s[k] as unknown[]).forEach((_, i) => out.push(`${p}/${k}/${i}`));
    for (const k of ['not', 'if', 'then', 'else']) if (isObj(s[k])) out.push(`${p}/${k}`);
    if (isObj(s.dependentSchemas)) for (const k of Object.keys(s.dependentSchemas)) out.push(`${p}/dependentSchemas/${esc(k)}`);
    return out;
  };
  const state = new Map<string, 'open' | 'done'>();
  let found: string | undefined;
  const visit = (p: string): void => {
    state.set(p, 'open');
    for (const q of next(p)) {
      if (found) return;
      const st = state.get(q);
      if (st === 'open') found = p;
      else if (st === undefined) visit(q);
    }
    state.set(p, 'done');
  };
  eachSchema(root, '', (_s, p) => {
    if (!found && !state.has(p)) visit(p);
  });
  return found;
}

/** Keywords that only describe: a branch holding nothing else neither shows, asks nor checks anything. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'x-en', 'x-demo', 'x-messages']);

/**
 * Whether a `then`/`else` branch does anything: requires a field, adds properties (a show-only
 * branch: the page shows them when the condition holds) or adds any other constraint.
 */
function hasEffect(s: unknown): boolean {
  if (!isObj(s)) return false;
  return Object.entries(s).some(([k, v]) => {
    if (ANNOTATIONS.has(k)) return false;
    if (k === 'required' || k === 'properties') return Array.isArray(v) ? v.length > 0 : isObj(v) && Object.keys(v).length > 0;
    if (k === 'allOf') return Array.isArray(v) && v.some(hasEffect);
    return true;
  });
}

/** Static `$round.` paths a rule reads. */
function roundVars(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) logic.forEach((l) => roundVars(l, out));
  else if (isObj(logic)) {
    for (const [op, arg] of Object.entries(logic)) {
      const first = Array.isArray(arg) ? arg[0] : arg;
      if (op === 'var' && typeof first === 'string' && first.startsWith('$round.')) out.push(first);
      else roundVars(arg, out);
    }
  }
  return out;
}

function hasPath(obj: unknown, dotted: string): boolean {
  let cur = obj;
  for (const p of dotted.split('.')) {
    if (!isObj(cur) || !(p in cur)) return false;
    cur = cur[p];
  }
  return true;
}

/** Finds where ajv's compile error points: its own "at" location, else the first use of the keyword. */
function locate(message: string, schema: JsonSchema): string {
  const at = /#(\/[^"]*)?"/.exec(message);
  if (at) return at[1] ?? '';
  const kw = /keyword:? "([^"]+)"/.exec(message)?.[1];
  let found = '';
  if (kw) {
    eachSchema(schema, '', (s, p) => {
      if (!found && kw in s) found = `${p}/${esc(kw)}`;
    });
  }
  return found;
}

/**
 * Checks a round's files: round.json against its meta-schema, every form against the JSON Schema
 * meta-schema and the `x-` vocabulary in ajv strict mode, `$id` against the path, a title on every
 * field, no `if` whose `then`/`else` does nothing (a branch that only shows fields is fine), rules
 * that compile and read existing round data, and each ui file's `ui:order` and keys against its schema.
 * @param files the round as read
 * @param ajv an instance to compile into; a fresh one by default so a failed lint leaves no trace
 * @returns every problem found, empty when the round is sound
 */
export function lintRound(files: RoundFiles, ajv: Ajv = createAjv()): LintIssue[] {
  const issues: LintIssue[] = [];
  const meta = ajv.compile(roundMetaSchema);
  if (!meta(files.settings)) {
    for (const e of meta.errors ?? []) {
      issues.push({ file: files.roundFile, pointer: e.instancePath, message: e.message ?? e.keyword });
    }
  }
  const settings = files.settings;
  if (settings.id !== files.folder) {
    issues.push({ file: files.roundFile, pointer: '/id', message: `id "${String(settings.id)}" skal være mappens navn "${files.folder}"` });
  }
  const dates = isObj(settings.datoer) ? settings.datoer : {};
  files.forms.forEach((form, i) => {
    if (form.frist !== undefined && !(form.frist in dates)) {
      issues.push({ file: files.roundFile, pointer: `/forms/${i}/frist`, message: `fristen "${form.frist}" findes ikke under "datoer"` });
    }
  });

  let annotating: Ajv | undefined;
  for (const form of files.forms) {
    const file = form.schemaFile;
    const add = (pointer: string, message: string): void => void issues.push({ file, pointer, message });
    const schema = form.schema;
    const id = typeof schema.$id === 'string' ? schema.$id : '';
    const expected = `/${files.folder}/${form.name}.schema.json`;
    if (!id.endsWith(expected)) add('/$id', `$id skal ende på "${expected}"`);
    // The service stores and submits a form's answers as an object; a form of any other root type
    // could be shown but never saved.
    if (schema.type !== 'object') add('/type', 'skemaets rod skal være "type": "object": svarene gemmes som et objekt');

    if (!ajv.validateSchema(schema)) {
      for (const e of ajv.errors ?? []) add(e.instancePath, `${e.message ?? e.keyword} (JSON Schema)`);
    }
    const cycle = referenceCycle(schema);
    if (cycle !== undefined) add(cycle, 'henvisningerne ($ref, allOf …) fører i ring uden at gå et niveau ned, så intet svar kan kontrolleres');
    eachSchema(schema, '', (s, p) => {
      // An `if` is a test, not a field a person fills in.
      if (isObj(s.properties) && !/\/if(\/|$)/.test(p)) {
        for (const [k, v] of Object.entries(s.properties)) {
          const ref = isObj(v) ? refPointer(v.$ref) : undefined;
          const target = ref !== undefined ? atPointer(schema, ref) : undefined;
          const title = (isObj(v) ? v.title : undefined) ?? (isObj(target) ? target.title : undefined);
          if (typeof title !== 'string' || title.trim() === '') {
            add(`${p}/properties/${esc(k)}`, `feltet "${k}" mangler en dansk titel (title)`);
          }
        }
      }
      if ('if' in s) {
        const empty = (b: 'then' | 'else'): void => add(`${p}/${b}`, `"${b}" gør ingenting: den kræver intet og tilføjer hverken felter eller begrænsninger, så betingelsen har ingen virkning`);
        if (!('then' in s) && !('else' in s)) add(`${p}/if`, '"if" har hverken "then" eller "else": betingelsen har ingen virkning');
        if ('then' in s && !hasEffect(s.then)) empty('then');
        if ('else' in s && !hasEffect(s.else)) empty('else');
      }
      const check = (logic: unknown, at: string): void => {
        try {
          compileRule(logic, at);
        } catch (e) {
          if (e instanceof RuleSyntaxError) add(e.pointer, `ugyldig regel: ${e.message}`);
          else throw e;
        }
        for (const v of roundVars(logic)) {
          if (!hasPath(settings, v.slice('$round.'.length))) add(at, `reglen læser "${v}", som ikke findes i round.json`);
        }
      };
      if ('x-compute' in s) check(s['x-compute'], `${p}/x-compute`);
      if (Array.isArray(s['x-rules'])) {
        s['x-rules'].forEach((r: unknown, i: number) => {
          if (!isObj(r)) return;
          check(r.rule, `${p}/x-rules/${i}/rule`);
          if (isObj(r.params)) for (const [k, v] of Object.entries(r.params)) check(v, `${p}/x-rules/${i}/params/${k}`);
        });
      }
      const opt = s['x-options'];
      if (isObj(opt)) {
        const table = files.tables[String(opt.table)];
        if (!table) add(`${p}/x-options/table`, `tabellen "${String(opt.table)}" er ikke erklæret i round.json`);
        else {
          const first = Object.values(table)[0];
          if (first && !(String(opt.label) in first)) add(`${p}/x-options/label`, `tabellen har ingen kolonne "${String(opt.label)}"`);
        }
      }
    });
    // rjsf throws at render time on a ui:order that leaves a field out: catch it before a page does.
    for (const i of lintUi(schema, form.ui)) issues.push({ file: form.uiFile ?? file, pointer: i.pointer, message: i.message });
    try {
      const key = id || `urn:indberet:lint:${form.name}`;
      if (ajv.getSchema(key) || annotating?.getSchema(key)) throw new Error(`$id "${key}" bruges af mere end én formular`);
      // A form that only annotates `format` is compiled as the service compiles it: a format the
      // engine does not know (rjsf's `data-url`, say) is then a description, not an error.
      const target = form.formats === 'annotate' ? (annotating ??= createAjv('2020-12', false, { validateFormats: false })) : ajv;
      target.addSchema({ ...expandOptions(schema, files.tables), $id: key });
      target.getSchema(key);
      // The engine evaluates each `if` on its own to decide what applies, so each must compile alone.
      eachSchema(schema, '', (s, p) => {
        if (isObj(s.if)) target.getSchema(`${key}#${p}/if`);
      });
    } catch (e) {
      const message = (e as Error).message;
      // ajv reports a malformed vocabulary value as: keyword "x-…" value is invalid at path "#/…": data/0 …
      const vocab = /^keyword "([^"]+)" value is invalid at path "#([^"]*)": data(\S*) (.*)$/.exec(message);
      if (vocab) add(`${vocab[2]}/${vocab[1]}${vocab[3]}`, `ugyldig værdi for ${vocab[1]}: ${vocab[4]}`);
      else add(locate(message, schema), message);
    }
  }
  return issues;
}
