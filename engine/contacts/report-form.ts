import type { FormInfo, Round } from '../compile-round.ts';

/**
 * The round's report: the form whose deadline is latest (the contact list comes first). Reminders
 * and the ministry's board follow it.
 * @param round the round
 * @returns its listing and deadline date, or undefined for a round without forms
 */
export function reportForm(round: Round): { readonly info: FormInfo; readonly frist: string | null } | undefined {
  const datoer = (round.settings.datoer ?? {}) as Record<string, string>;
  let best: { info: FormInfo; frist: string | null } | undefined;
  for (const info of round.formList) {
    const frist = info.frist ? (datoer[info.frist] ?? null) : null;
    if (!best || (frist ?? '') >= (best.frist ?? '')) best = { info, frist };
  }
  return best;
}
