import type { BaseInputTemplateProps } from '@rjsf/utils';
import { getInputProps } from '@rjsf/utils';
import type { ChangeEvent, FocusEvent } from 'react';
import { describedBy } from './described-by.ts';
import { useTypedText } from './use-typed-text.ts';

/** A dkfds text input; numbers get a narrow field and a numeric keyboard. */
export default function BaseInputTemplate(props: BaseInputTemplateProps) {
  const { id, htmlName, value, readonly, disabled, autofocus, onBlur, onFocus, onChange, options, schema, rawErrors, type, required, uiSchema } = props;
  // min/max/step belong to native number inputs, which are not used (see below).
  const { min: _min, max: _max, step: _step, ...inputProps } = getInputProps(schema, type, options);
  const numeric = inputProps.type === 'number';
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const autocomplete = typeof uiSchema?.['ui:autocomplete'] === 'string' ? (uiSchema['ui:autocomplete'] as string) : undefined;
  const [text, typed] = useTypedText(value == null ? '' : String(value));
  const width = numeric ? ' input-width-xs' : inputProps.type === 'email' ? ' input-width-xl' : '';
  return (
    <input
      id={id}
      name={htmlName || id}
      className={`form-input${width}`}
      {...inputProps}
      // Browsers' own number spinners reject "1," and localised input; the engine checks the type.
      type={numeric ? 'text' : inputProps.type}
      inputMode={numeric ? (schema.type === 'integer' ? 'numeric' : 'decimal') : undefined}
      readOnly={readonly}
      disabled={disabled}
      autoFocus={autofocus}
      autoComplete={autocomplete}
      required={required}
      value={text}
      aria-invalid={hasErrors || undefined}
      aria-describedby={describedBy(id, typeof schema.description === 'string', hasErrors)}
      onChange={(e: ChangeEvent<HTMLInputElement>) => {
        typed(e.target.value);
        onChange(e.target.value === '' ? options.emptyValue : e.target.value);
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
    />
  );
}
