import type { PendingDraft } from './FormApp.tsx';
import { sameAnswers } from './same-answers.ts';

/**
 * Whether answers kept in the browser belong on top of the draft the server sent: they were
 * written on its version, or on the version before while a save of ours was on its way and the
 * server now holds exactly what that save carried, or on a later version than the page's (the
 * page was made while a save of this tab's was landing, and the tab saw that save confirmed).
 * Anything else means someone else saved since, and their answers win.
 * @param pending what the browser kept
 * @param version the version the server sent (0: nothing stored)
 * @param answers the answers the server sent
 * @param same whether two sets of answers are one save's (by default: the same text)
 * @returns true when the kept answers are to be restored and saved
 */
export function pendingFits(pending: PendingDraft, version: number, answers: unknown, same: (a: unknown, b: unknown) => boolean = sameAnswers): boolean {
  return pending.base >= version || (pending.sending !== undefined && pending.base + 1 === version && same(pending.sending, answers));
}
