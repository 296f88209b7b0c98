/** One labelled text input in the dkfds pattern, with its error message tied to it. */
export function TextField({
  id,
  label,
  value,
  error,
  type = 'text',
  autoComplete,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  type?: string;
  autoComplete?: string;
  hint?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      ) : null}
      <input
        className="form-input input-width-xl"
        type={type}
        id={id}
        name={id}
        defaultValue={value}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
