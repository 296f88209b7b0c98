import { parseCsv } from './parse-csv.ts';
import type { FormFiles, LintIssue, RoundFiles } from './round-files.ts';
import type { JsonSchema } from './types.ts';

/**
 * Builds a round from its files' text, wherever they came from (a folder, an upload, the database).
 * @param folder the round's folder name, which must equal its id
 * @param sources file name → text; `round.json` names the rest
 * @param at how file names appear in messages (e.g. prefixed with the folder's path)
 * @returns the round's files, or the problems that stopped reading them
 */
export function parseRoundFiles(
  folder: string,
  sources: Readonly<Record<string, string>>,
  at: (file: string) => string = (f) => f,
): { files?: RoundFiles; issues: LintIssue[] } {
  const issues: LintIssue[] = [];
  const used: Record<string, string> = {};
  const text = (name: string): string | undefined => {
    const t = Object.hasOwn(sources, name) ? sources[name] : undefined;
    if (t === undefined) issues.push({ file: at(name), pointer: '', message: 'filen findes ikke eller kan ikke læses' });
    else used[name] = t;
    return t;
  };
  const json = (name: string): JsonSchema | undefined => {
    const t = text(name);
    if (t === undefined) return undefined;
    try {
      const value = JSON.parse(t) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as JsonSchema;
      issues.push({ file: at(name), pointer: '', message: 'filen skal indeholde et JSON-objekt' });
    } catch (e) {
      issues.push({ file: at(name), pointer: '', message: `ugyldig JSON: ${(e as Error).message}` });
    }
    return undefined;
  };

  const settings = json('round.json');
  if (!settings) return { issues };
  const forms: FormFiles[] = [];
  const declared = Array.isArray(settings.forms) ? (settings.forms as Record<string, unknown>[]) : [];
  for (const f of declared) {
    if (typeof f?.schema !== 'string' || typeof f.name !== 'string') continue;
    const schema = json(f.schema);
    const ui = typeof f.ui === 'string' ? json(f.ui) : {};
    if (!schema || !ui) continue;
    forms.push({
      name: f.name,
      title: typeof f.title === 'string' ? f.title : f.name,
      ...(typeof f.frist === 'string' ? { frist: f.frist } : {}),
      ...(f.formats === 'assert' || f.formats === 'annotate' ? { formats: f.formats } : {}),
      schemaFile: at(f.schema),
      schema,
      ...(typeof f.ui === 'string' ? { uiFile: at(f.ui) } : {}),
      ui,
    });
  }
  const tables: Record<string, Record<string, Record<string, string>>> = {};
  const declaredTables = (settings.tables ?? {}) as Record<string, { file?: unknown; key?: unknown }>;
  for (const [name, t] of Object.entries(declaredTables)) {
    if (typeof t?.file !== 'string' || typeof t.key !== 'string') continue;
    const csv = text(t.file);
    if (csv === undefined) continue;
    const [header, ...rows] = parseCsv(csv);
    const keyIndex = header?.indexOf(t.key) ?? -1;
    if (!header || keyIndex < 0) {
      issues.push({ file: at(t.file), pointer: '', message: `tabellen mangler nøglekolonnen "${t.key}"` });
      continue;
    }
    const table: Record<string, Record<string, string>> = {};
    rows.forEach((r, i) => {
      const key = r[keyIndex] ?? '';
      if (key === '' || Object.hasOwn(table, key)) {
        issues.push({ file: at(t.file as string), pointer: `/${i + 1}`, message: `række ${i + 2}: nøglen "${key}" er tom eller gentaget` });
        return;
      }
      table[key] = Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']));
    });
    tables[name] = table;
  }
  if (issues.length > 0) return { issues };
  // Every file of the folder counts towards the content hash, also ones round.json does not name
  // (mail and report templates).
  return { files: { folder, roundFile: at('round.json'), settings, forms, tables, sources: { ...sources } }, issues };
}
