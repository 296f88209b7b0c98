import { listFields } from '../../engine/list-fields.ts';
import type { LintIssue } from '../../engine/round-files.ts';
import { applyRoundEdit, checkRound, roundsFail, type AppliedEdit, type RoundEdit, type RoundsFailure } from '../../engine/rounds/index.ts';
import { reportSpecIssues, roundTemplateProblems } from '../../reports/index.ts';
import type { RoundView } from './round-view.ts';

/** An edit applied in memory and linted: what it changes, and the lint issues it brings. */
export interface CheckedEdit {
  readonly ok: true;
  readonly applied: AppliedEdit;
  /** Issues of the round as edited that it did not have before. */
  readonly added: readonly LintIssue[];
  /** Issues it had before and still has. */
  readonly remaining: number;
}

/**
 * Every issue of a round's files: lint and compile, its report spec against the compiled forms, and
 * its templates against the spec (a template is named by its file, its line in the message).
 */
async function roundIssues(schemasDir: string, roundId: string, sources: Readonly<Record<string, string>>): Promise<readonly LintIssue[]> {
  const checked = checkRound(roundId, sources);
  if (!checked.round) return checked.issues;
  const templates = await roundTemplateProblems(schemasDir, checked.round);
  const prefix = `${roundId}/`;
  return [
    ...checked.issues,
    ...reportSpecIssues(checked.round),
    ...templates.problems.map((p) => ({
      file: p.file.startsWith(prefix) ? p.file.slice(prefix.length) : p.file,
      pointer: '',
      message: `linje ${p.line}: ${p.message}`,
    })),
  ];
}

const issueKey = (i: LintIssue): string => `${i.file}\u0000${i.pointer}\u0000${i.message}`;

/**
 * Applies a structured edit to a draft's files and lints the result against the round as it was,
 * so the page can show what the edit breaks before anything is saved.
 * @param schemasDir the folder of file rounds (shared templates)
 * @param view the round
 * @param edit the edit
 * @returns the checked edit, or ROUND_EDIT_REFUSED with the reason
 */
export async function checkEdit(schemasDir: string, view: RoundView, edit: RoundEdit): Promise<CheckedEdit | RoundsFailure> {
  const previousPaths = (form: string): ReadonlySet<string> | undefined => {
    const f = view.previous?.forms.get(form);
    return f ? new Set(listFields(f.schema).map((x) => x.path)) : undefined;
  };
  const applied = applyRoundEdit(view.sources, edit, previousPaths);
  if (!applied.ok) return roundsFail('ROUND_EDIT_REFUSED', { reason: applied.reason });
  const before = await roundIssues(schemasDir, view.id, view.sources);
  const after = await roundIssues(schemasDir, view.id, { ...view.sources, ...applied.files });
  const had = new Set(before.map(issueKey));
  const added = after.filter((i) => !had.has(issueKey(i)));
  return { ok: true, applied, added, remaining: after.length - added.length };
}
