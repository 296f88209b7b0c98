import { formatDate } from '../../../renderer/index.ts';

/** One form's deadline for a municipality, and its extension when granted. */
export interface DeadlineRow {
  readonly formName: string;
  readonly title: string;
  readonly frist: string;
  readonly extendedUntil: string | null;
  readonly reason: string | null;
}

/** A refused extension, shown at its form's date field with what was entered. */
export interface ExtensionError {
  readonly formName: string;
  readonly until: string;
  readonly reason: string;
  readonly text: string;
}

/**
 * The deadline of each of the round's forms for one municipality, with a form that grants or moves
 * an extension (an inclusive date; the reason is kept in the audit trail's extension row).
 */
export function ExtensionSection({ action, csrfToken, rows, error, words }: { action: string; csrfToken: string; rows: readonly DeadlineRow[]; error?: ExtensionError | undefined; words: { readonly one: string; readonly the: string; readonly theTitle: string } }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="frist" className="mt-8">
      <h2 id="frist">Frist</h2>
      <p>
        En forlænget frist gælder kun denne {words.one}. {words.theTitle} kan indsende til og med den nye dato.
      </p>
      {rows.map((r) => {
        const id = `frist-${r.formName}`;
        const failed = error?.formName === r.formName ? error : undefined;
        return (
          <form key={r.formName} method="post" action={action} noValidate className="mt-6">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="hidden" name="formName" value={r.formName} />
            <fieldset>
              <legend className="h3">{r.title}</legend>
              <p>
                Frist: {formatDate(r.frist)}
                {r.extendedUntil ? `. Forlænget til ${formatDate(r.extendedUntil)}` : ''}
                {r.extendedUntil && r.reason ? ` (${r.reason})` : ''}.
              </p>
              <div className={`form-group${failed ? ' form-error' : ''}`}>
                <label className="form-label" htmlFor={id}>
                  Ny frist
                </label>
                <span className="form-hint" id={`${id}-hint`}>
                  Dato, til og med hvilken {words.the} kan indsende.
                </span>
                {failed ? (
                  <span className="form-error-message" id={`${id}-error`}>
                    <span className="sr-only">Fejl: </span>
                    {failed.text}
                  </span>
                ) : null}
                <input
                  className="form-input input-width-s"
                  type="date"
                  id={id}
                  name="until"
                  defaultValue={failed?.until ?? r.extendedUntil ?? ''}
                  aria-invalid={failed ? true : undefined}
                  aria-describedby={failed ? `${id}-hint ${id}-error` : `${id}-hint`}
                />
              </div>
              <div className="form-group">
                <label className="form-label" htmlFor={`${id}-begrundelse`}>
                  Begrundelse (valgfri)
                </label>
                <input className="form-input input-width-xl" type="text" id={`${id}-begrundelse`} name="reason" defaultValue={failed?.reason ?? ''} autoComplete="off" />
              </div>
              <button type="submit" className="button button-secondary">
                {r.extendedUntil ? 'Flyt forlængelsen' : 'Forlæng fristen'}
              </button>
            </fieldset>
          </form>
        );
      })}
    </section>
  );
}
