/** Props of {@link CodeField}. */
export interface CodeFieldProps {
  readonly label: string;
  /** A hint under the label, read out with the field. */
  readonly hint?: string;
  /** Why the last code failed (Danish), if it did. */
  readonly error?: string | undefined;
  /** A numeric keyboard on phones: on for the app's 6 digits, off where recovery codes (letters) are allowed. */
  readonly numeric?: boolean;
}

/**
 * The one-time code field of the second factor (login and enrolment): named `kode`, so the page's
 * error summary links to it, and marked for the browser's one-time-code filling.
 */
export function CodeField({ label, hint, error, numeric = false }: CodeFieldProps) {
  const describedBy = [hint ? 'kode-hint' : '', error ? 'kode-error' : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor="kode">
        {label}
      </label>
      {hint && (
        <span className="form-hint" id="kode-hint">
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id="kode-error">
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <input
        className="form-input input-width-s"
        type="text"
        {...(numeric ? { inputMode: 'numeric' as const } : {})}
        id="kode"
        name="kode"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
