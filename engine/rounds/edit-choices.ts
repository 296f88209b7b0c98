import { listFields } from '../list-fields.ts';
import { parseCsv } from '../parse-csv.ts';
import type { FormatMode } from '../types.ts';
import { formFileNames, isObj, parseFile } from './edit-helpers.ts';

/** A group or field the structured editor offers, named the way the form shows it. */
export interface EditTarget {
  readonly form: string;
  readonly path: string;
  /** e.g. `Indberetning › Øverste ledelse (hver) › Niveau 2` */
  readonly label: string;
  /** The keys directly under a group, in order (for "place after"). */
  readonly children?: readonly string[];
}

/** What the structured editor can offer for a round as its files stand. */
export interface EditChoices {
  /** Groups a question can be added to: each form's top and every object below it. */
  readonly groups: readonly EditTarget[];
  /** Fields that can be renamed (computed ones included: they are answers too). */
  readonly fields: readonly EditTarget[];
  readonly dates: readonly { readonly name: string; readonly value: string }[];
  /** Each form with whether its `format` keywords are checks (round.json's `formats`). */
  readonly forms: readonly { readonly name: string; readonly title: string; readonly formats: FormatMode }[];
  readonly tables: readonly { readonly name: string; readonly file: string; readonly columns: readonly string[] }[];
}

/**
 * The choices of the structured editor, read from the round's files as they are (a draft with lint
 * issues still offers what can be read; a file that cannot be parsed offers nothing).
 * @param sources the round's files
 * @returns groups, fields, dates, forms and tables
 */
export function editChoices(sources: Readonly<Record<string, string>>): EditChoices {
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return { groups: [], fields: [], dates: [], forms: [], tables: [] };
  const settings = round.value;
  const groups: EditTarget[] = [];
  const fields: EditTarget[] = [];
  const forms: { name: string; title: string; formats: FormatMode }[] = [];
  for (const f of Array.isArray(settings.forms) ? settings.forms.filter(isObj) : []) {
    if (typeof f.name !== 'string') continue;
    forms.push({ name: f.name, title: typeof f.title === 'string' ? f.title : f.name, formats: f.formats === 'annotate' ? 'annotate' : 'assert' });
    const names = formFileNames(settings, f.name);
    if (!('schema' in names)) continue;
    const schema = parseFile(sources, names.schema);
    if (!('value' in schema)) continue;
    const formTitle = typeof f.title === 'string' ? f.title : f.name;
    const list = listFields(schema.value);
    const labels = new Map<string, string>([['', formTitle]]);
    const childrenOf = (path: string): string[] =>
      list.filter((x) => x.path.startsWith(`${path}/`) && !x.path.slice(path.length + 1).includes('/')).map((x) => x.path.slice(path.length + 1));
    groups.push({ form: f.name, path: '', label: formTitle, children: childrenOf('') });
    for (const field of list) {
      const parent = field.path.slice(0, field.path.lastIndexOf('/'));
      const parentLabel = labels.get(parent) ?? labels.get(parent.replace(/\/\*$/, '')) ?? formTitle;
      const title = typeof field.schema.title === 'string' ? field.schema.title : field.path.split('/').pop()!;
      const label = `${parentLabel} › ${title}`;
      labels.set(field.path, label);
      fields.push({ form: f.name, path: field.path, label: `${label} (${field.path})` });
      if (!field.container) continue;
      const isArray = field.schema.type === 'array' || isObj(field.schema.items);
      const groupPath = isArray ? `${field.path}/*` : field.path;
      if (isArray) labels.set(groupPath, `${label} (hver)`);
      groups.push({ form: f.name, path: groupPath, label: `${labels.get(groupPath)!} (${groupPath})`, children: childrenOf(groupPath) });
    }
  }
  const dates = isObj(settings.datoer)
    ? Object.entries(settings.datoer)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([name, value]) => ({ name, value }))
    : [];
  const tables = Object.entries(isObj(settings.tables) ? settings.tables : {}).flatMap(([name, decl]) => {
    if (!isObj(decl) || typeof decl.file !== 'string' || sources[decl.file] === undefined) return [];
    const [header] = parseCsv(sources[decl.file]!);
    return header ? [{ name, file: decl.file, columns: header }] : [];
  });
  return { groups, fields, dates, forms, tables };
}
