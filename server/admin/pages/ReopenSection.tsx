import { formatDateTime } from '../../../renderer/index.ts';

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
          <form key={r.formName} method="post" action={action} noValidate className="mt-6">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="formName" value={r.formName} />
            <fieldset>
              <legend className="h3">{r.title}</legend>
              <p>Indsendt {r.submittedAt ? formatDateTime(r.submittedAt, timeZone) : '–'}.</p>
              <div className="form-group">
                <label className="form-label" htmlFor={`${id}-begrundelse`}>
                  Begrundelse (valgfri)
                </label>
                <input className="form-input input-width-xl" type="text" id={`${id}-begrundelse`} name="reason" autoComplete="off" />
              </div>
              <button type="submit" className="button button-secondary">
                Genåbn indberetningen
              </button>
            </fieldset>
          </form>
        );
      })}
    </section>
  );
}
