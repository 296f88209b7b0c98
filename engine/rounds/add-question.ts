import type { JsonSchema } from '../types.ts';
import { FIELD_KEY, formFileNames, isObj, jsonText, parseFile, refuse } from './edit-helpers.ts';
import { objectAt, uiAt } from './form-tree.ts';
import { questionSchema } from './question-schema.ts';
import type { AddQuestionEdit, AppliedEdit, RefusedEdit } from './round-edit.ts';

/**
 * Adds a question to an object of a form: the property (with its title, English title and bounds),
 * `required` when asked, and its place in the ui's `ui:order` where the ui orders that object.
 * @param sources the round's files
 * @param q the question
 * @returns the changed files, or why not
 */
export function addQuestion(sources: Readonly<Record<string, string>>, q: AddQuestionEdit): AppliedEdit | RefusedEdit {
  if (!FIELD_KEY.test(q.key)) return refuse(`nøglen "${q.key}" kan ikke bruges: start med et bogstav, og brug kun bogstaverne a-z, tal og _ (højst 64 tegn)`);
  if (!q.title.trim()) return refuse('spørgsmålet skal have en dansk titel');
  if (q.type === 'valg') {
    const opts = (q.options ?? []).map((o) => o.trim()).filter(Boolean);
    if (opts.length < 2) return refuse('et valgspørgsmål skal have mindst to svarmuligheder');
    if (new Set(opts).size !== opts.length) return refuse('svarmulighederne skal være forskellige');
    q = { ...q, options: opts };
  }
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return round;
  const names = formFileNames(round.value, q.form);
  if (!('schema' in names)) return names;
  const schemaFile = parseFile(sources, names.schema);
  if (!('value' in schemaFile)) return schemaFile;
  const root = schemaFile.value;
  const at = objectAt(root, q.parent);
  if (!at) return refuse(`"${q.parent || '/'}" er ikke en gruppe af spørgsmål i formularen ${q.form}`);
  const sharedDef = at.shared.find((s) => s.uses > 1);
  if (sharedDef) {
    return refuse(`gruppen er defineret i ${sharedDef.pointer}, som bruges ${sharedDef.uses} steder i formularen; tilføj spørgsmålet i filen, så det er tydeligt, hvor det skal vises`);
  }
  if (at.parts.some((p) => isObj(p.properties) && q.key in p.properties)) return refuse(`gruppen har allerede et felt "${q.key}"`);
  const target = at.parts[0]!;
  const { schema, ui } = questionSchema(q);
  const props = isObj(target.properties) ? target.properties : {};
  // The new property follows `after` in the schema too, so a form without ui:order shows it there.
  const entries = Object.entries(props);
  const pos = q.after && q.after in props ? entries.findIndex(([k]) => k === q.after) + 1 : entries.length;
  entries.splice(pos, 0, [q.key, schema]);
  target.properties = Object.fromEntries(entries);
  if (q.required) target.required = [...(Array.isArray(target.required) ? target.required : []), q.key];
  const files: Record<string, string> = { [names.schema]: jsonText(root) };

  const summary = [`Spørgsmålet "${q.title.trim()}" (${q.key}) er tilføjet til ${q.form}${q.parent ? ` under ${q.parent}` : ''}${q.required ? ' som obligatorisk' : ''}.`];
  if (names.ui) {
    const uiFile = parseFile(sources, names.ui);
    if (!('value' in uiFile)) return uiFile;
    const node = uiAt(uiFile.value, q.parent, Object.keys(ui).length > 0);
    let changed = false;
    if (node && Array.isArray(node['ui:order'])) {
      const order = (node['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string');
      const after = q.after ? order.indexOf(q.after) : -1;
      const star = order.indexOf('*');
      const at2 = after >= 0 ? after + 1 : star >= 0 ? star : order.length;
      order.splice(at2, 0, q.key);
      node['ui:order'] = order;
      changed = true;
    }
    if (node && Object.keys(ui).length > 0) {
      node[q.key] = ui as JsonSchema;
      changed = true;
    }
    if (changed) files[names.ui] = jsonText(uiFile.value);
  }
  return { ok: true, files, summary };
}
