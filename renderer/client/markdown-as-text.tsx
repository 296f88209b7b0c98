/**
 * Stands in for `markdown-to-jsx` in the browser bundle. The forms enable no markdown, so rjsf only
 * ever passes plain text; it is shown as text (and escaped by React), which keeps ~85 KB out.
 */
import type { ReactNode } from 'react';

/** Renders its text as is. */
export function Markdown({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}
