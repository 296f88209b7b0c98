/** The rule lives with the engine's round reader, so files read from disk and stored ones agree. */
export { isRoundFileName as isFileName } from '../read-round-folder.ts';
