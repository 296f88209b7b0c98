/**
 * The renderer's server API: rjsf forms in the dkfds theme rendered on the server, the page shells,
 * and the read-only view of answers. The browser entry is `client/main.tsx`, bundled by
 * `build-client.ts`.
 */
export { AnswersView, type AnswersViewProps } from './AnswersView.tsx';
export { buildUiSchema, mergeUi, type BuildUiOptions } from './build-ui-schema.ts';
export { constTitles } from './const-titles.ts';
export { createEngineValidator, type CheckFn } from './create-engine-validator.ts';
export { ErrorSummary, type SummaryItem } from './ErrorSummary.tsx';
export { fieldId } from './field-id.ts';
export { FORM_ROOT_ID, PAGE_DATA_ID, type FormPageData } from './form-page-data.ts';
export { formSections, type Section } from './form-sections.ts';
export { formStepData, stepOfIssue, stepsOf, type FormStepInput } from './form-step.ts';
export { joinPageData, roundPageData, sentPageData, type RoundPageData, type SentPageData } from './round-page-data.ts';
export { FormApp, type DraftStore, type FormAppData, type FormAppDeps, type PendingDraft, type SaveDraft, type SaveOutcome, type StoredDraft } from './FormApp.tsx';
export { isOwnLateSave } from './is-own-late-save.ts';
export { pendingFits } from './pending-fits.ts';
export { sameAnswers } from './same-answers.ts';
export { formTexts, type FormTexts } from './form-texts.ts';
export { formatClock, formatDate, formatDateTime } from './format-time.ts';
export { formatValue } from './format-value.ts';
export { issuesToErrorSchema } from './issues-to-error-schema.ts';
export { localizeSchema } from './localize-schema.ts';
export { renderDocument, renderFormApp } from './render-html.tsx';
export { safeJson } from './safe-json.ts';
export { schemaAt } from './schema-at.ts';
export { serverValidator } from './server-validator.ts';
export { summaryItems, issueLabel } from './summary-items.ts';
export { translateString } from './translate-string.ts';
export { isHeldBack, undecidedKeys } from './undecided-keys.ts';
export { ASSETS_DIR, CLIENT_DIR, clientManifest, clientScriptUrl, DKFDS_DIST, RECEIPT_CSS, VALIDATORS_CACHE_DIR, type ClientManifest } from './assets.ts';
export { precompress, type Precompressed } from './precompress.ts';
export * from './pages/index.ts';
