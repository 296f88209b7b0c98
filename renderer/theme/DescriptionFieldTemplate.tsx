import type { DescriptionFieldProps } from '@rjsf/utils';

/** A group's description as a dkfds hint paragraph. */
export default function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  if (!description) return null;
  return (
    <p className="form-hint mt-0" id={id}>
      {description}
    </p>
  );
}
