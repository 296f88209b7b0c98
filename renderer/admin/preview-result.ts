/** A form rendered for the editor's preview: one step's markup, or why it could not be rendered. */
export interface PreviewResult {
  readonly formName: string;
  readonly steps: readonly string[];
  readonly step: number;
  /** Server-rendered markup of the renderer's own form component (absent when rendering failed). */
  readonly html?: string;
  /** Danish reason the preview could not be rendered. */
  readonly error?: string;
}

/** One lint problem as the editor lists it. */
export interface EditorIssue {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

/** The ids the editor page and its script share. */
export const EDITOR_IDS = Object.freeze({
  form: 'rundefil-form',
  textarea: 'rundefil-indhold',
  issues: 'rundefil-fejl',
  issuesCount: 'rundefil-fejl-antal',
  preview: 'rundefil-forhaandsvisning',
  step: 'rundefil-trin',
  status: 'rundefil-status',
});
