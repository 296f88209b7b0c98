/**
 * The ministry's round pages: the list of rounds, a round's files, the JSON editor with lint as
 * you type beside a live preview (the renderer's own form component, rendered on the server), the
 * comparison with the previous round and the dry run of last year's answers.
 */
export { RoundsLayout, RoundsNotice, roundHref, ROUNDS_CSS, ROUNDS_SCRIPT } from './RoundsLayout.tsx';
export { RoundsListPage, type RoundListItem, type RoundsListPageProps } from './RoundsListPage.tsx';
export { RoundPage, type RoundPageProps } from './RoundPage.tsx';
export { RoundEditPage, type EditCheck, type EditTargetOption, type RoundEditPageProps } from './RoundEditPage.tsx';
export { RoundFileEditorPage, type RoundFileEditorPageProps } from './RoundFileEditorPage.tsx';
export { RoundDiffPage, type RoundDiffPageProps } from './RoundDiffPage.tsx';
export { RoundDryRunPage, type RoundDryRunPageProps } from './RoundDryRunPage.tsx';
export { LintList, lintSummary } from './LintList.tsx';
export { PreviewPane, PreviewBody } from './PreviewPane.tsx';
export { EDITOR_IDS, type EditorIssue, type PreviewResult } from './preview-result.ts';
export { renderPreview } from './render-preview.ts';
export { editorScript, roundsCss, ROUNDS_CSS_FILE } from './editor-script.ts';
