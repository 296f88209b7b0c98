import type { WidgetProps } from '@rjsf/utils';
import { describedBy } from './described-by.ts';
import { useTypedText } from './use-typed-text.ts';

/** A dkfds textarea for longer answers (policy content, reasons). */
export default function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema, rawErrors, required } = props;
  const [text, typed] = useTypedText(typeof value === 'string' ? value : '');
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className="form-input"
      rows={typeof options.rows === 'number' ? options.rows : 5}
      value={text}
      readOnly={readonly}
      disabled={disabled}
      required={required}
      aria-invalid={hasErrors || undefined}
      aria-describedby={describedBy(id, typeof schema.description === 'string', hasErrors)}
      onChange={(e) => {
        typed(e.target.value);
        onChange(e.target.value === '' ? options.emptyValue : e.target.value);
      }}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}
