/**
 * Rounds kept in the database: copied or uploaded in the admin pages, edited file by file as
 * drafts, published (linted, compiled, hashed, frozen) into the registry, compared with and dry-run
 * against the previous round; and drafts prefilled from last round's answers.
 */
export type { RoundsDeps } from './rounds-deps.ts';
export { isRoundsFailure, roundsFail, type RoundsErrorCode, type RoundsFailure } from './rounds-failure.ts';
export { copyRoundSources, ROUND_ID } from './copy-round-sources.ts';
export { isFileName } from './round-file-name.ts';
export { readRoundSources, storedFiles, type RoundSources } from './read-round-sources.ts';
export { checkRound, type RoundCheck } from './check-round.ts';
export { copyStoredRound, createStoredRound, type CreateStoredRoundInput } from './create-stored-round.ts';
export { saveRoundFiles, type SaveRoundFilesInput } from './save-round-files.ts';
export { correctedRound, publishRound, type PublishedRound } from './publish-round.ts';
export { loadStoredRounds } from './load-stored-rounds.ts';
export { validatorsModule } from './validators-module.ts';
export { diffRound, type DiffRoundOptions, type FormDiff, type ReportSpecDiff, type RoundDiff } from './diff-round.ts';
export { dryRunRound, type FormDryRun } from './dry-run-round.ts';
export { prefillAnswers, type PrefillAnswers, type PrefillKey } from './prefill-answers.ts';
export { prefillDraft, type PrefillInput, type PrefillResult } from './prefill-draft.ts';
export { confirmPrefill, findPrefill, type DraftKey } from './confirm-prefill.ts';
export { listStoredRounds, storedValidators } from './list-stored-rounds.ts';
export { contractHash } from './contract-hash.ts';
export { applyRoundEdit } from './apply-round-edit.ts';
export { QUESTION_KINDS, type AppliedEdit, type QuestionKind, type RefusedEdit, type RoundEdit } from './round-edit.ts';
export { editChoices, type EditChoices, type EditTarget } from './edit-choices.ts';
