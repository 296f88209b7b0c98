/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** The input's id (the page's error summary links to it), and its name unless `name` is given. */
  readonly id: string;
  /** The posted name, where several forms on a page post the same field under distinct ids. */
  readonly name?: string;
  readonly label: string;
  readonly value?: string;
  /** Why the value was refused (Danish), if it was. */
  readonly error?: string | undefined;
  readonly type?: string;
  readonly autoComplete?: string;
  /** A hint under the label, read out with the field. */
  readonly hint?: string;
  /** dkfds input width: `xl` for addresses and names, `s` for short codes. */
  readonly width?: 's' | 'xl';
  /** A numeric keyboard on phones. */
  readonly numeric?: boolean;
  readonly required?: boolean;
  /** Off for codes and addresses, which a spelling check only marks as wrong. */
  readonly spellCheck?: boolean;
}

/** One labelled text input in the dkfds pattern, with its hint and error message tied to it. */
export function TextField({ id, name = id, label, value, error, type = 'text', autoComplete, hint, width = 'xl', numeric = false, required = false, spellCheck }: TextFieldProps) {
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
        className={`form-input input-width-${width}`}
        type={type}
        {...(numeric ? { inputMode: 'numeric' as const } : {})}
        id={id}
        name={name}
        defaultValue={value}
        autoComplete={autoComplete}
        {...(spellCheck === undefined ? {} : { spellCheck })}
        required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
