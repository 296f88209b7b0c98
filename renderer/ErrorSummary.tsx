import { forwardRef, type MouseEvent } from 'react';

/** One line of the error summary: a link to the field and the message. */
export interface SummaryItem {
  readonly href: string;
  readonly text: string;
}

/** Moves focus to the control a summary link points at (the first input of a radio group). */
export function focusTarget(event: MouseEvent<HTMLElement>): void {
  const a = (event.target as HTMLElement).closest('a');
  const href = a?.getAttribute('href') ?? '';
  if (!href.startsWith('#')) return;
  const el = document.getElementById(decodeURIComponent(href.slice(1)));
  if (!el) return;
  event.preventDefault();
  const control = el.matches('input, select, textarea, output') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
  const label = el.closest('.form-group') ?? el;
  label.scrollIntoView({ block: 'start' });
  (control ?? el).focus({ preventScroll: true });
}

/**
 * The dkfds error summary at the top of a page: a heading and one link per problem; the links move
 * focus to the field. It is focused when it appears, so screen readers read it.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: readonly SummaryItem[]; heading?: string }>(function ErrorSummary(
  { items, heading },
  ref,
) {
  if (items.length === 0) return null;
  return (
    <div className="alert alert-error mb-6" role="alert" tabIndex={-1} ref={ref} data-module="error-summary" onClick={focusTarget}>
      <div className="alert-body">
        <h2 className="alert-heading">{heading ?? (items.length === 1 ? 'Der er 1 fejl, som skal rettes' : `Der er ${items.length} fejl, som skal rettes`)}</h2>
        <ul className="alert-text nobullet-list">
          {items.map((item, i) => (
            <li key={i}>
              <a href={item.href} className="function-link">
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
});
