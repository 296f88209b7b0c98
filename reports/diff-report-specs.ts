import type { ReportSpec } from './report-spec.ts';

/** One change between two rounds' report specs, named by what an analyst edits. */
export interface SpecChange {
  readonly change: 'tilføjet' | 'fjernet' | 'ændret';
  /** JSON pointer into the newer spec (or the older one for a removal). */
  readonly pointer: string;
  /** In Danish: what kind of entry and its name. */
  readonly message: string;
}

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Entries added, changed or removed between two maps, by name: added and changed in the newer order, then removed. */
function changedNames(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>> | undefined): Array<{ change: SpecChange['change']; name: string }> {
  const a = before ?? {};
  const b = after ?? {};
  const out: Array<{ change: SpecChange['change']; name: string }> = [];
  for (const [name, value] of Object.entries(b)) {
    if (!Object.hasOwn(a, name)) out.push({ change: 'tilføjet', name });
    else if (!same(a[name], value)) out.push({ change: 'ændret', name });
  }
  for (const name of Object.keys(a)) if (!Object.hasOwn(b, name)) out.push({ change: 'fjernet', name });
  return out;
}

function diffNamed(out: SpecChange[], base: string, word: string, before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>> | undefined): void {
  for (const { change, name } of changedNames(before, after)) out.push({ change, pointer: `${base}/${esc(name)}`, message: `${word} "${name}" er ${change}` });
}

/**
 * Lists what changed between two rounds' report specs: datasets' columns (by key), figures,
 * breakdowns, charts and documents (by name), and the form they read. A spec that is new or gone
 * is one change.
 * @param before the previous round's spec, if it has one
 * @param after this round's spec, if it has one
 * @returns the changes in spec order
 */
export function diffReportSpecs(before: ReportSpec | undefined, after: ReportSpec | undefined): SpecChange[] {
  if (!before && !after) return [];
  if (!before) return [{ change: 'tilføjet', pointer: '', message: 'rapportspecifikationen er ny' }];
  if (!after) return [{ change: 'fjernet', pointer: '', message: 'rapportspecifikationen er fjernet' }];
  const out: SpecChange[] = [];
  if (before.form !== after.form) out.push({ change: 'ændret', pointer: '/form', message: `formularen er skiftet fra "${before.form}" til "${after.form}"` });
  for (const [name, ds] of Object.entries(after.datasets)) {
    const old = before.datasets[name];
    const base = `/datasets/${esc(name)}`;
    if (!old) {
      out.push({ change: 'tilføjet', pointer: base, message: `datasættet "${name}" er tilføjet` });
      continue;
    }
    const { columns: oldCols, ...oldRest } = old;
    const { columns: newCols, ...newRest } = ds;
    if (!same(oldRest, newRest)) out.push({ change: 'ændret', pointer: base, message: `datasættet "${name}" er ændret (rækker eller totalrække)` });
    const byKey = (cols: typeof newCols) => Object.fromEntries(cols.map((c) => [c.key, c]));
    // Columns are named by key; the pointer names the column's place in the list it is in.
    for (const { change, name: key } of changedNames(byKey(oldCols), byKey(newCols))) {
      const at = (change === 'fjernet' ? oldCols : newCols).findIndex((x) => x.key === key);
      out.push({ change, pointer: `${base}/columns/${at}`, message: `kolonnen "${key}" i datasættet "${name}" er ${change}` });
    }
  }
  for (const name of Object.keys(before.datasets)) if (!Object.hasOwn(after.datasets, name)) out.push({ change: 'fjernet', pointer: `/datasets/${esc(name)}`, message: `datasættet "${name}" er fjernet` });
  diffNamed(out, '/figures', 'tallet', before.figures, after.figures);
  diffNamed(out, '/breakdowns', 'opdelingen', before.breakdowns, after.breakdowns);
  diffNamed(out, '/charts', 'diagrammet', before.charts, after.charts);
  diffNamed(out, '/documents', 'dokumentet', before.documents, after.documents);
  return out;
}
