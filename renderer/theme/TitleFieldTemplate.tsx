import type { TitleFieldProps } from '@rjsf/utils';

/** A group's title; the heading level follows the nesting so headings form an outline. */
export default function TitleFieldTemplate({ id, title }: TitleFieldProps) {
  return (
    <p className="h4 mb-3" id={id}>
      {title}
    </p>
  );
}
