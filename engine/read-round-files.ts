import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCsv } from './parse-csv.ts';
import type { FormFiles, LintIssue, RoundFiles } from './round-files.ts';
import type { JsonSchema } from './types.ts';

async function readText(file: string, issues: LintIssue[], sources: Record<string, string>): Promise<string | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    sources[path.basename(file)] = text;
    return text;
  } catch {
    issues.push({ file, pointer: '', message: 'filen findes ikke eller kan ikke læses' });
    return undefined;
  }
}

async function readJson(file: string, issues: LintIssue[], sources: Record<string, string>): Promise<JsonSchema | undefined> {
  const text = await readText(file, issues, sources);
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as JsonSchema;
    issues.push({ file, pointer: '', message: 'filen skal indeholde et JSON-objekt' });
  } catch (e) {
    issues.push({ file, pointer: '', message: `ugyldig JSON: ${(e as Error).message}` });
  }
  return undefined;
}

/**
 * Reads a round folder: round.json, each form's schema and ui file, and the tables.
 * @param dir the round folder, e.g. `schemas/2024`
 * @returns the files, or the problems that stopped reading them
 */
export async function readRoundFiles(dir: string): Promise<{ files?: RoundFiles; issues: LintIssue[] }> {
  const issues: LintIssue[] = [];
  const sources: Record<string, string> = {};
  const roundFile = path.join(dir, 'round.json');
  const settings = await readJson(roundFile, issues, sources);
  if (!settings) return { issues };
  const forms: FormFiles[] = [];
  const declared = Array.isArray(settings.forms) ? (settings.forms as Record<string, unknown>[]) : [];
  for (const f of declared) {
    if (typeof f?.schema !== 'string' || typeof f.name !== 'string') continue;
    const schemaFile = path.join(dir, f.schema);
    const uiFile = typeof f.ui === 'string' ? path.join(dir, f.ui) : undefined;
    const schema = await readJson(schemaFile, issues, sources);
    const ui = uiFile ? await readJson(uiFile, issues, sources) : {};
    if (!schema || !ui) continue;
    forms.push({
      name: f.name,
      title: typeof f.title === 'string' ? f.title : f.name,
      ...(typeof f.frist === 'string' ? { frist: f.frist } : {}),
      schemaFile,
      schema,
      ...(uiFile ? { uiFile } : {}),
      ui,
    });
  }
  const tables: Record<string, Record<string, Record<string, string>>> = {};
  const declaredTables = (settings.tables ?? {}) as Record<string, { file?: unknown; key?: unknown }>;
  for (const [name, t] of Object.entries(declaredTables)) {
    if (typeof t?.file !== 'string' || typeof t.key !== 'string') continue;
    const file = path.join(dir, t.file);
    const text = await readText(file, issues, sources);
    if (text === undefined) continue;
    const [header, ...rows] = parseCsv(text);
    const keyIndex = header?.indexOf(t.key) ?? -1;
    if (!header || keyIndex < 0) {
      issues.push({ file, pointer: '', message: `tabellen mangler nøglekolonnen "${t.key}"` });
      continue;
    }
    const table: Record<string, Record<string, string>> = {};
    rows.forEach((r, i) => {
      const key = r[keyIndex] ?? '';
      if (key === '' || key in table) {
        issues.push({ file, pointer: `/${i + 1}`, message: `række ${i + 2}: nøglen "${key}" er tom eller gentaget` });
        return;
      }
      table[key] = Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']));
    });
    tables[name] = table;
  }
  if (issues.length > 0) return { issues };
  return { files: { folder: path.basename(path.resolve(dir)), roundFile, settings, forms, tables, sources }, issues };
}
