import type { FieldTemplateProps } from '@rjsf/utils';
import { descriptionId, getUiOptions } from '@rjsf/utils';
import { describedBy } from './described-by.ts';

/** True when a field is shown as a group of radio buttons, which need a fieldset and legend. */
const isRadioGroup = (props: FieldTemplateProps): boolean => getUiOptions(props.uiSchema).widget === 'radio';

/**
 * dkfds form group around one field: label (or legend for radio groups), hint, error message and
 * the control, with "(frivilligt)" on optional fields as the design system prescribes.
 */
export default function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, rawErrors, rawDescription, hidden, required, displayLabel, schema, readonly } = props;
  if (hidden) return <div className="d-none">{children}</div>;
  // A field of another step renders nothing; no empty form group is left behind.
  if (props.uiSchema?.['ui:field'] === 'omitted') return children;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const type = schema.type;
  if (type === 'object' || type === 'array') {
    return (
      <div className={hasErrors ? 'form-group form-error' : undefined}>
        {errors}
        {children}
      </div>
    );
  }
  const optional = !required && !readonly && !schema.readOnly ? <span className="weight-normal"> (frivilligt)</span> : null;
  const hint = displayLabel && rawDescription ? (
    <span className="form-hint" id={descriptionId(id)}>
      {rawDescription}
    </span>
  ) : null;
  const cls = `form-group${hasErrors ? ' form-error' : ''}`;
  if (isRadioGroup(props)) {
    return (
      <div className={cls}>
        <fieldset id={id} tabIndex={-1} aria-describedby={describedBy(id, !!hint, hasErrors)}>
          <legend className="form-label">
            {label}
            {optional}
          </legend>
          {hint}
          {errors}
          {children}
        </fieldset>
      </div>
    );
  }
  return (
    <div className={cls}>
      {displayLabel && (
        <label className="form-label" htmlFor={id}>
          {label}
          {optional}
        </label>
      )}
      {hint}
      {errors}
      {children}
    </div>
  );
}
