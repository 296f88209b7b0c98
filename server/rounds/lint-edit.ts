import { checkRound } from '../../engine/rounds/index.ts';
import { reportSpecIssues } from '../../reports/index.ts';
import { renderPreview, type EditorIssue, type PreviewResult } from '../../renderer/admin/index.ts';

/** What the editor shows for a file as typed: the round's lint issues and the form's preview. */
export interface LintAnswer {
  readonly issues: readonly EditorIssue[];
  /** Null when the file belongs to no form (round.json, a table). */
  readonly preview: PreviewResult | null;
}

/**
 * The form a file belongs to, by round.json's `forms` list.
 * @param sources the round's files (round.json as edited)
 * @param file the file
 * @returns the form's name, or undefined
 */
export function formOfFile(sources: Readonly<Record<string, string>>, file: string): string | undefined {
  try {
    const settings = JSON.parse(sources['round.json'] ?? '') as { forms?: unknown };
    const forms = Array.isArray(settings.forms) ? (settings.forms as Record<string, unknown>[]) : [];
    const f = forms.find((x) => x && (x.schema === file || x.ui === file));
    return typeof f?.name === 'string' ? f.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lints a round as it would be with one file replaced (nothing is saved) and renders the file's
 * form for the preview. Compiling happens here, once per distinct content: an admin action.
 * @param roundId the round
 * @param sources its stored files
 * @param file the edited file's name
 * @param content the text as typed
 * @param step the preview's step
 * @returns issues and preview
 */
export function lintEdit(roundId: string, sources: Readonly<Record<string, string>>, file: string, content: string, step: number): LintAnswer {
  const edited = { ...sources, [file]: content };
  const compiled = checkRound(roundId, edited);
  // The report spec is checked against the forms as edited, so a renamed field shows its stale paths at once.
  const checked = compiled.round ? { ...compiled, issues: [...compiled.issues, ...reportSpecIssues(compiled.round)] } : compiled;
  const formName = formOfFile(edited, file);
  if (!formName) return { issues: checked.issues, preview: null };
  if (!checked.round) {
    return { issues: checked.issues, preview: { formName, steps: [], step: 0, error: 'runden har fejl, som skal rettes først (se kontrollen)' } };
  }
  return { issues: checked.issues, preview: renderPreview(checked.round, formName, step) };
}
