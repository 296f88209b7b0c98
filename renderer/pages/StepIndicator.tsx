/** One step in the progress indicator. */
export interface Step {
  readonly title: string;
  readonly href?: string;
  readonly state: 'done' | 'current' | 'todo' | 'error';
}

/**
 * The dkfds step indicator ("trinindikator"): where the respondent is in the form, which steps are
 * done and which have errors; the current step is marked with `aria-current="step"`.
 */
export function StepIndicator({ steps }: { steps: readonly Step[] }) {
  const current = steps.findIndex((s) => s.state === 'current');
  return (
    <nav aria-label="Trin i indberetningen" className="mb-6">
      <p className="step-subheading d-md-none">{`Trin ${current + 1} af ${steps.length}`}</p>
      <ol className="step-indicator">
        {steps.map((s, i) => {
          const cls = [s.state === 'current' ? 'current' : '', s.state === 'error' ? 'error' : '', !s.href ? 'disabled' : ''].filter(Boolean).join(' ');
          const inner = (
            <>
              <span className="step-number">
                <span>{i + 1}</span>
              </span>
              <span className="step-title">
                {s.title}
                {s.state === 'done' && <span className="sr-only"> (udfyldt)</span>}
                {s.state === 'error' && <span className="sr-only"> (har fejl)</span>}
              </span>
            </>
          );
          return (
            <li key={i} className={cls || undefined}>
              {s.href && s.state !== 'current' ? (
                <a className="step" href={s.href}>
                  {inner}
                </a>
              ) : (
                <div className="step" aria-current={s.state === 'current' ? 'step' : undefined}>
                  {inner}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
