/** The engine's Node-only API: reading rounds from disk, hashing, type generation. */
export * from './index.ts';
export { compileRound, sha256 } from './compile-round.ts';
export { lintRound } from './lint-round.ts';
export { readRoundFiles } from './read-round-files.ts';
export { parseRoundFiles } from './parse-round-files.ts';
export { isRoundFileName, readRoundFolder, ROUND_SUBFOLDERS } from './read-round-folder.ts';
export { loadRound, loadRounds, loadRoundsSkippingBroken, RoundLoadError, type BrokenRound } from './load-rounds.ts';
export { precompileForms, precompiledKey } from './precompile-forms.ts';
export { copyRound, CopyRoundError } from './copy-round.ts';
