import { formatDate, TextField } from '../../../renderer/index.ts';
import { PerFormAction } from './PerFormAction.tsx';

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
          <PerFormAction key={r.formName} action={action} csrfToken={csrfToken} formName={r.formName} title={r.title}>
            <p>
              Frist: {formatDate(r.frist)}
              {r.extendedUntil ? `. Forlænget til ${formatDate(r.extendedUntil)}` : ''}
              {r.extendedUntil && r.reason ? ` (${r.reason})` : ''}.
            </p>
            <TextField id={id} name="until" type="date" width="s" label="Ny frist" hint={`Dato, til og med hvilken ${words.the} kan indsende.`} error={failed?.text} value={failed?.until ?? r.extendedUntil ?? ''} />
            <TextField id={`${id}-begrundelse`} name="reason" label="Begrundelse (valgfri)" value={failed?.reason ?? ''} autoComplete="off" />
            <button type="submit" className="button button-secondary">
              {r.extendedUntil ? 'Flyt forlængelsen' : 'Forlæng fristen'}
            </button>
          </PerFormAction>
        );
      })}
    </section>
  );
}
