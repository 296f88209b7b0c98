import type { StoredDraft } from './FormApp.tsx';
import { sameAnswers } from './same-answers.ts';

/**
 * Whether the change a conflict reports is a save of our own that landed late (sent before a
 * reload, arriving after the page had read the draft): the server holds exactly what that save
 * carried, one version on from ours. Someone else's save never passes, whatever its version.
 * @param stored the draft the server holds now
 * @param version the version the refused save was made on (null: nothing stored)
 * @param earlier the answers of our save whose answer never came, if any
 * @param same whether two sets of answers are one save's (by default: the same text)
 * @returns true when the answers may be saved again on the stored version
 */
export function isOwnLateSave(stored: StoredDraft | null, version: number | null, earlier: unknown, same: (a: unknown, b: unknown) => boolean = sameAnswers): stored is StoredDraft {
  return earlier !== undefined && stored !== null && stored.version === (version ?? 0) + 1 && same(stored.answers, earlier);
}
