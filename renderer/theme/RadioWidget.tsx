import type { WidgetProps } from '@rjsf/utils';
import { enumOptionsIsSelected, optionId } from '@rjsf/utils';

/**
 * dkfds radio buttons. The surrounding fieldset and legend come from the field template, which also
 * carries `aria-describedby` for the hint and the error.
 */
export default function RadioWidget(props: WidgetProps) {
  const { id, htmlName, value, readonly, disabled, onBlur, onFocus, onChange, options, rawErrors } = props;
  const { enumOptions = [] } = options;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  return (
    <div>
      {enumOptions.map((o, i) => {
        const oid = optionId(id, i);
        return (
          <div className="form-group-radio" key={String(o.value)}>
            <input
              type="radio"
              id={oid}
              name={htmlName || id}
              className="form-radio"
              value={String(i)}
              checked={enumOptionsIsSelected(o.value, value)}
              disabled={disabled || readonly}
              aria-invalid={hasErrors || undefined}
              onChange={() => onChange(o.value)}
              onBlur={() => onBlur(id, value)}
              onFocus={() => onFocus(id, value)}
            />
            <label className="form-label" htmlFor={oid}>
              {o.label}
            </label>
          </div>
        );
      })}
    </div>
  );
}
