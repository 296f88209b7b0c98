import type { FieldHelpProps } from '@rjsf/utils';
import { helpId } from '@rjsf/utils';

/** `ui:help` text under a field. */
export default function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  if (!help) return null;
  return (
    <span className="form-hint" id={helpId(fieldPathId)}>
      {help}
    </span>
  );
}
