import type { Round } from '../compile-round.ts';
import { diffForms, type FormChange } from '../diff-forms.ts';
import { diffRoundSettings, type SettingChange } from '../diff-round-settings.ts';
import type { LintIssue } from '../round-files.ts';

/** How one form changed from the previous round. */
export interface FormDiff {
  readonly name: string;
  readonly title: string;
  readonly status: 'changed' | 'unchanged' | 'added' | 'removed';
  readonly changes: readonly FormChange[];
  readonly breaking: number;
}

/** How the report spec (reports.json) changed, and what in the new one no longer fits the forms. */
export interface ReportSpecDiff {
  /** Entries added, removed or changed (`tilføjet`, `fjernet`, `ændret`), by JSON Pointer. */
  readonly changes: readonly { readonly change: string; readonly pointer: string; readonly message: string }[];
  /** The new spec's problems; each is breaking, since the reports could not be built. */
  readonly problems: readonly LintIssue[];
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
  /** Every round.json change by JSON Pointer. */
  readonly settings: readonly SettingChange[];
  /** The report spec's changes; null when neither round has one (or no comparer was given). */
  readonly reportSpec: ReportSpecDiff | null;
  /** Breaking changes in all: forms (a removed form counts as one), a removed table, the report spec's problems. */
  readonly breaking: number;
}

/** What {@link diffRound} cannot know itself. */
export interface DiffRoundOptions {
  /** Compares the rounds' report specs. Passed in: the engine knows nothing of reports. */
  readonly reportSpec?: (previous: Round, next: Round) => ReportSpecDiff | null;
}

/**
 * Compares a round with the previous one: each form's fields (added, removed, renamed through
 * `x-lineage`, a renamed group or list taking its fields along, type and constraint changes, each
 * breaking or additive), dates, tables, every round.json change and, given a comparer, the report
 * spec. The admin pages, the API and `indberet round diff` all read this one result.
 * @param previous the previous round
 * @param next the new round
 * @param options the report-spec comparer
 * @returns the differences
 */
export function diffRound(previous: Round, next: Round, options: DiffRoundOptions = {}): RoundDiff {
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
  const settings = diffRoundSettings(previous.settings, next.settings);
  const reportSpec = options.reportSpec?.(previous, next) ?? null;
  // A removed form is counted by its form entry already; a removed table is not.
  const breaking =
    forms.reduce((n, f) => n + f.breaking, 0) + settings.filter((c) => c.breaking && c.form === undefined).length + (reportSpec?.problems.length ?? 0);
  return { from: previous.id, to: next.id, forms, dates, tables, settings, reportSpec, breaking };
}
