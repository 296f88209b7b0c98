import type { Round } from '../compile-round.ts';
import { diffForms, type FormChange } from '../diff-forms.ts';

/** How one form changed from the previous round. */
export interface FormDiff {
  readonly name: string;
  readonly title: string;
  readonly status: 'changed' | 'unchanged' | 'added' | 'removed';
  readonly changes: readonly FormChange[];
  readonly breaking: number;
}

/** A round compared with the one before it. */
export interface RoundDiff {
  readonly from: string;
  readonly to: string;
  readonly forms: readonly FormDiff[];
  /** Dates that differ (name → [before, after]); expected to move on every year. */
  readonly dates: readonly { readonly name: string; readonly from: string | null; readonly to: string | null }[];
  /** Tables whose rows differ: rows added, removed and changed by key. */
  readonly tables: readonly { readonly name: string; readonly added: number; readonly removed: number; readonly changed: number }[];
  /** Breaking changes in all forms (a removed form counts as one). */
  readonly breaking: number;
}

/**
 * Compares a round with the previous one: each form's fields (added, removed, renamed through
 * `x-lineage`, type and constraint changes, each breaking or additive), dates and tables.
 * @param previous the previous round
 * @param next the new round
 * @returns the differences
 */
export function diffRound(previous: Round, next: Round): RoundDiff {
  const forms: FormDiff[] = [];
  for (const info of next.formList) {
    const old = previous.forms.get(info.name);
    const form = next.forms.get(info.name)!;
    if (!old) {
      forms.push({ name: info.name, title: info.title, status: 'added', changes: [], breaking: 0 });
      continue;
    }
    const changes = diffForms(old.schema, form.schema);
    forms.push({ name: info.name, title: info.title, status: changes.length > 0 ? 'changed' : 'unchanged', changes, breaking: changes.filter((c) => c.breaking).length });
  }
  for (const info of previous.formList) {
    if (!next.forms.has(info.name)) forms.push({ name: info.name, title: info.title, status: 'removed', changes: [], breaking: 1 });
  }
  const da = (previous.settings.datoer ?? {}) as Record<string, string>;
  const db = (next.settings.datoer ?? {}) as Record<string, string>;
  const dates = [...new Set([...Object.keys(db), ...Object.keys(da)])]
    .filter((k) => da[k] !== db[k])
    .map((name) => ({ name, from: da[name] ?? null, to: db[name] ?? null }));
  const tables = [...new Set([...Object.keys(next.tables), ...Object.keys(previous.tables)])]
    .map((name) => {
      const a = (previous.tables[name] ?? {}) as Record<string, unknown>;
      const b = (next.tables[name] ?? {}) as Record<string, unknown>;
      const added = Object.keys(b).filter((k) => !(k in a)).length;
      const removed = Object.keys(a).filter((k) => !(k in b)).length;
      const changed = Object.keys(b).filter((k) => k in a && JSON.stringify(a[k]) !== JSON.stringify(b[k])).length;
      return { name, added, removed, changed };
    })
    .filter((t) => t.added + t.removed + t.changed > 0);
  return { from: previous.id, to: next.id, forms, dates, tables, breaking: forms.reduce((n, f) => n + f.breaking, 0) };
}
