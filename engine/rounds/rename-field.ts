import { listFields } from '../list-fields.ts';
import type { JsonSchema } from '../types.ts';
import { FIELD_KEY, formFileNames, isObj, jsonText, parseFile, refuse } from './edit-helpers.ts';
import { objectAt, pathSegments, reportPath, uiAt } from './form-tree.ts';
import type { AppliedEdit, RefusedEdit, RenameFieldEdit } from './round-edit.ts';

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Replaces a path prefix in a string: `a.b` in `a.b`, `a.b.c`, `a.b[]…` (sep is `.` for vars, `/` for rule paths). */
const swapPrefix = (s: string, from: string, to: string, seps: readonly string[]): string => {
  if (s === from) return to;
  for (const sep of seps) if (s.startsWith(from + sep)) return to + s.slice(from.length);
  return s;
};

/** Rewrites every JSON Logic `{"var": …}` naming the old path in a rule. */
function rewriteVars(logic: unknown, from: string, to: string): unknown {
  if (Array.isArray(logic)) return logic.map((l) => rewriteVars(l, from, to));
  if (!isObj(logic)) return logic;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(logic)) {
    if (k === 'var' && typeof v === 'string') out[k] = swapPrefix(v, from, to, ['.']);
    else if (k === 'var' && Array.isArray(v) && typeof v[0] === 'string') out[k] = [swapPrefix(v[0], from, to, ['.']), ...v.slice(1)];
    else out[k] = rewriteVars(v, from, to);
  }
  return out;
}

/**
 * Renames a field of a form and keeps its history: the property keeps its place and gets
 * `x-lineage.previous` (so last round's answers follow and the diff shows a rename, not a removal
 * and an addition), and every place that names it moves along: `required` and conditions of its
 * object, the ui (its node and `ui:order`), the rules and computed fields that read it (JSON Logic
 * `var`s are relative to the object a rule sits in, so each enclosing object is rewritten with
 * the path as seen from there), and the paths of the round's report spec.
 * @param sources the round's files
 * @param edit the rename
 * @param previousPaths the data paths the form had in the previous round, when there is one
 * @returns the changed files, or why not
 */
export function renameField(
  sources: Readonly<Record<string, string>>,
  edit: RenameFieldEdit,
  previousPaths?: ReadonlySet<string>,
): AppliedEdit | RefusedEdit {
  if (!FIELD_KEY.test(edit.key)) return refuse(`nøglen "${edit.key}" kan ikke bruges: start med et bogstav, og brug kun bogstaverne a-z, tal og _ (højst 64 tegn)`);
  const segs = pathSegments(edit.path);
  const oldKey = segs.at(-1);
  if (!oldKey || oldKey === '*') return refuse(`"${edit.path}" er ikke et felt`);
  if (oldKey === edit.key) return refuse('det nye navn er det samme som det gamle');
  const parentSegs = segs.slice(0, -1);
  const parentPath = parentSegs.map((s) => `/${esc(s)}`).join('');
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return round;
  const names = formFileNames(round.value, edit.form);
  if (!('schema' in names)) return names;
  const schemaFile = parseFile(sources, names.schema);
  if (!('value' in schemaFile)) return schemaFile;
  const root = schemaFile.value;
  const at = objectAt(root, parentPath);
  const owners = at?.parts.filter((p) => isObj(p.properties) && oldKey in p.properties) ?? [];
  if (!at || owners.length === 0) return refuse(`formularen ${edit.form} har intet felt ${edit.path}`);
  const sharedDef = at.shared.find((s) => s.uses > 1);
  if (sharedDef) {
    return refuse(`feltet er defineret i ${sharedDef.pointer}, som bruges ${sharedDef.uses} steder i formularen; et nyt navn der ville gælde alle steder, så omdøb det i filen`);
  }
  if (at.parts.some((p) => isObj(p.properties) && edit.key in p.properties)) return refuse(`gruppen har allerede et felt "${edit.key}"`);

  // Where the field lived last round (its parent may itself have been renamed this round).
  const field = listFields(root).find((f) => f.path === edit.path);
  const previousPath = field?.previous ?? edit.path;
  const carried = previousPaths?.has(previousPath) === true;
  const renameIn = (list: unknown): unknown => (Array.isArray(list) ? list.map((k) => (k === oldKey ? edit.key : k)) : list);
  for (const part of at.parts) {
    if (isObj(part.properties) && oldKey in part.properties) {
      const prop = part.properties[oldKey] as JsonSchema;
      if (!isObj(prop['x-lineage']) && carried) prop['x-lineage'] = { previous: previousPath };
      part.properties = Object.fromEntries(Object.entries(part.properties).map(([k, v]) => [k === oldKey ? edit.key : k, v]));
    }
    if (Array.isArray(part.required)) part.required = renameIn(part.required);
    if (isObj(part.dependentRequired)) {
      part.dependentRequired = Object.fromEntries(
        Object.entries(part.dependentRequired).map(([k, v]) => [k === oldKey ? edit.key : k, renameIn(v)]),
      );
    }
    if (isObj(part.if)) {
      const cond = part.if;
      if (isObj(cond.properties) && oldKey in cond.properties) {
        cond.properties = Object.fromEntries(Object.entries(cond.properties).map(([k, v]) => [k === oldKey ? edit.key : k, v]));
      }
      if (Array.isArray(cond.required)) cond.required = renameIn(cond.required);
    }
  }
  // Each enclosing object sees the field at a relative path; array items break the chain, as a rule
  // cannot name one item of a list.
  for (let i = parentSegs.length; i >= 0; i--) {
    const rel = [...parentSegs.slice(i), oldKey];
    if (rel.includes('*')) break;
    const relNew = [...parentSegs.slice(i), edit.key];
    const from = rel.join('.');
    const to = relNew.join('.');
    const pos = objectAt(root, parentSegs.slice(0, i).map((s) => `/${esc(s)}`).join(''));
    for (const part of pos?.parts ?? []) {
      if (isObj(part.properties)) {
        for (const p of Object.values(part.properties)) if (isObj(p) && 'x-compute' in p) p['x-compute'] = rewriteVars(p['x-compute'], from, to);
      }
      if (Array.isArray(part['x-rules'])) {
        part['x-rules'] = part['x-rules'].map((r: unknown) => {
          if (!isObj(r)) return r;
          const params = isObj(r.params) ? Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, rewriteVars(v, from, to)])) : r.params;
          return {
            ...r,
            ...(typeof r.path === 'string' ? { path: swapPrefix(r.path, rel.join('/'), relNew.join('/'), ['/']) } : {}),
            rule: rewriteVars(r.rule, from, to),
            ...(params !== undefined ? { params } : {}),
          };
        });
      }
    }
  }
  const files: Record<string, string> = { [names.schema]: jsonText(root) };
  const summary = [`Feltet ${edit.path} i ${edit.form} hedder nu "${edit.key}".`];
  if (carried) summary.push(`Sidste rundes svar følger med (x-lineage peger på ${previousPath}).`);

  if (names.ui) {
    const ui = parseFile(sources, names.ui);
    if (!('value' in ui)) return ui;
    const node = uiAt(ui.value, parentPath, false);
    if (node && (oldKey in node || Array.isArray(node['ui:order']))) {
      const renamed = Object.fromEntries(Object.entries(node).map(([k, v]) => [k === oldKey ? edit.key : k, k === 'ui:order' ? renameIn(v) : v]));
      for (const k of Object.keys(node)) delete node[k];
      Object.assign(node, renamed);
      files[names.ui] = jsonText(ui.value);
    }
  }

  if (sources['reports.json'] !== undefined) {
    const spec = parseFile(sources, 'reports.json');
    if (!('value' in spec)) return spec;
    if (spec.value.form === edit.form) {
      const from = reportPath(edit.path);
      const to = reportPath(`${parentPath}/${esc(edit.key)}`);
      let count = 0;
      const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(walk);
        if (!isObj(v)) return v;
        return Object.fromEntries(
          Object.entries(v).map(([k, x]) => {
            if ((k === 'path' || k === 'rows' || k === 'labelsFrom') && typeof x === 'string') {
              const y = swapPrefix(x, from, to, ['.', '[']);
              if (y !== x) count++;
              return [k, y];
            }
            return [k, walk(x)];
          }),
        );
      };
      const rewritten = walk(spec.value);
      if (count > 0) {
        files['reports.json'] = jsonText(rewritten);
        summary.push(`${count} sti${count === 1 ? '' : 'er'} i rapportspecifikationen (reports.json) er opdateret.`);
      }
    }
  }
  return { ok: true, files, summary };
}
