import type { FieldErrorProps } from '@rjsf/utils';
import { errorId } from '@rjsf/utils';

/** The dkfds error message above a field; its id is what the control's `aria-describedby` names. */
export default function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const list = errors.filter((e) => !!e);
  if (list.length === 0) return null;
  return (
    <span className="form-error-message" id={errorId(fieldPathId)}>
      <span className="sr-only">Fejl: </span>
      {list.map((e, i) => (
        <span key={i} className="d-block">
          {e}
        </span>
      ))}
    </span>
  );
}
