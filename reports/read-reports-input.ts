import type { CompiledForm } from '../engine/index.ts';
import type { MaaltalSvar, SubmittedReport } from './maaltal-answer.ts';

/**
 * Reads reports from a JSON file's content (an array of `{ kommunekode, submittedAt, answers }`)
 * and runs each answer through the engine's validation, as submission does, so a file gives the
 * same figures storage would.
 * @param data the parsed JSON
 * @param form the round's report form
 * @returns the reports, or one Danish problem per bad entry
 */
export function readReportsInput(data: unknown, form: CompiledForm): { reports: SubmittedReport[] } | { problems: string[] } {
  if (!Array.isArray(data)) return { problems: ['filen skal indeholde en liste af indberetninger'] };
  const reports: SubmittedReport[] = [];
  const problems: string[] = [];
  data.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e.kommunekode !== 'string' || typeof e.submittedAt !== 'string' || Number.isNaN(Date.parse(e.submittedAt))) {
      problems.push(`[${i}]: kommunekode og submittedAt (ISO-tidspunkt) skal være udfyldt`);
      return;
    }
    const result = form.validate({ ...(e.answers as object), kommunekode: e.kommunekode });
    if (!result.ok) {
      for (const issue of result.issues) problems.push(`[${i}] ${e.kommunekode}${issue.path}: ${issue.message}`);
      return;
    }
    reports.push({ kommunekode: e.kommunekode, submittedAt: e.submittedAt, answers: result.value as MaaltalSvar });
  });
  return problems.length > 0 ? { problems } : { reports };
}
