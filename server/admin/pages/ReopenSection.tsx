import { formatDateTime, TextField } from '../../../renderer/index.ts';
import { PerFormAction } from './PerFormAction.tsx';

/** One form the respondent has submitted. */
export interface SubmittedRow {
  readonly formName: string;
  readonly title: string;
  readonly submittedAt: string | null;
}

/**
 * The respondent's submitted reports, each with a form that reopens it (an optional reason is kept
 * in the audit log), so the respondent can correct it and submit again.
 */
export function ReopenSection({ action, csrfToken, rows, timeZone, words }: { action: string; csrfToken: string; rows: readonly SubmittedRow[]; timeZone: string; words: { readonly theTitle: string } }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="genaabn" className="mt-8">
      <h2 id="genaabn">Indsendte indberetninger</h2>
      <p>{words.theTitle} kan ikke ændre en indsendt indberetning. Genåbn den, hvis den skal rettes; den skal så indsendes igen.</p>
      {rows.map((r) => {
        const id = `genaabn-${r.formName}`;
        return (
          <PerFormAction key={r.formName} action={action} csrfToken={csrfToken} formName={r.formName} title={r.title}>
            <p>Indsendt {r.submittedAt ? formatDateTime(r.submittedAt, timeZone) : '–'}.</p>
            <TextField id={`${id}-begrundelse`} name="reason" label="Begrundelse (valgfri)" autoComplete="off" />
            <button type="submit" className="button button-secondary">
              Genåbn indberetningen
            </button>
          </PerFormAction>
        );
      })}
    </section>
  );
}
