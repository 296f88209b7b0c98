import { respondentKeyField as engineRespondentKeyField, type CompiledForm } from '../engine/index.ts';
import type { SubmittedReport } from './submitted-report.ts';

/**
 * The top-level field of a form that holds the respondent's code (`x-respondent-key: true`).
 * @param form the form
 * @returns its name, or undefined when the form names none
 */
export function respondentKeyField(form: Pick<CompiledForm, 'schema'>): string | undefined {
  // The engine owns the rule (it ties this field to the login); reports read it the same way.
  return engineRespondentKeyField(form.schema);
}

/**
 * Reads reports from a JSON file's content (an array of `{ respondent, submittedAt, answers }`)
 * and runs each answer through the engine's validation, as submission does, so a file gives the
 * same figures storage would. The respondent's code is written into the form's respondent-key
 * field, as the service does for a logged-in respondent.
 * @param data the parsed JSON
 * @param form the form of the round's report spec
 * @returns the reports, or one Danish problem per bad entry
 */
export function readReportsInput(data: unknown, form: CompiledForm): { reports: SubmittedReport[] } | { problems: string[] } {
  if (!Array.isArray(data)) return { problems: ['filen skal indeholde en liste af indberetninger'] };
  const key = respondentKeyField(form);
  const reports: SubmittedReport[] = [];
  const problems: string[] = [];
  data.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    // Files written for earlier versions name the respondent by the form's key field.
    const respondent = typeof e.respondent === 'string' ? e.respondent : key && typeof e[key] === 'string' ? (e[key] as string) : undefined;
    if (respondent === undefined || typeof e.submittedAt !== 'string' || Number.isNaN(Date.parse(e.submittedAt))) {
      problems.push(`[${i}]: respondent${key ? ` (eller ${key})` : ''} og submittedAt (ISO-tidspunkt) skal være udfyldt`);
      return;
    }
    const result = form.validate({ ...(e.answers as object), ...(key ? { [key]: respondent } : {}) });
    if (!result.ok) {
      for (const issue of result.issues) problems.push(`[${i}] ${respondent}${issue.path}: ${issue.message}`);
      return;
    }
    reports.push({ respondent, submittedAt: e.submittedAt, answers: result.value });
  });
  return problems.length > 0 ? { problems } : { reports };
}
