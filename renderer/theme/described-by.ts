import { descriptionId, errorId } from '@rjsf/utils';

/**
 * The `aria-describedby` value for a field: its hint and its error, only where they are rendered,
 * so assistive technology never follows a dangling id.
 * @param id the field id
 * @param hasHint whether a hint is shown
 * @param hasErrors whether an error message is shown
 * @returns the attribute value, or undefined
 */
export function describedBy(id: string, hasHint: boolean, hasErrors: boolean): string | undefined {
  const ids = [hasHint ? descriptionId(id) : '', hasErrors ? errorId(id) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
