import type { WidgetProps } from '@rjsf/utils';
import { enumOptionsIndexForValue, enumOptionsValueForIndex } from '@rjsf/utils';
import { describedBy } from './described-by.ts';

/** A dkfds select; option labels come from `ui:enumNames` (a round table's label column). */
export default function SelectWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, schema, rawErrors, required } = props;
  const { enumOptions = [], emptyValue } = options;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const selected = enumOptionsIndexForValue(value, enumOptions, false);
  const decode = (v: string) => (v === '' ? emptyValue : enumOptionsValueForIndex(v, enumOptions, emptyValue));
  return (
    <select
      id={id}
      name={htmlName || id}
      className="form-select"
      value={selected === undefined ? '' : String(selected)}
      disabled={disabled || readonly}
      required={required}
      aria-invalid={hasErrors || undefined}
      aria-describedby={describedBy(id, typeof schema.description === 'string', hasErrors)}
      onChange={(e) => onChange(decode(e.target.value))}
      onBlur={(e) => onBlur(id, decode(e.target.value))}
      onFocus={(e) => onFocus(id, decode(e.target.value))}
    >
      <option value="">Vælg</option>
      {enumOptions.map((o, i) => (
        <option key={String(o.value)} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
