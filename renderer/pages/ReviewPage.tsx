import { useContext, type ReactNode } from 'react';
import { ShellContext } from './shell.ts';
import { ErrorSummary, type SummaryItem } from '../ErrorSummary.tsx';
import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';
import { StepIndicator, type Step } from './StepIndicator.tsx';

/** Props of {@link ReviewPage}. */
export interface ReviewPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly organisation: string;
  readonly formTitle: string;
  readonly steps: readonly Step[];
  /** Problems that stop the submit, linking to the field on its step. */
  readonly problems: readonly SummaryItem[];
  readonly answers: ReactNode;
  readonly submitAction: string;
  readonly version: number;
  readonly prevHref: string;
  /** Why submitting is not possible (deadline passed), if it is not. */
  readonly blocked?: string;
  /** A message about the last attempt (e.g. someone else saved first). */
  readonly notice?: string;
}

/** The review page: every answer as it will be submitted, problems first, then the submit button. */
export function ReviewPage(p: ReviewPageProps) {
  const shell = useContext(ShellContext);
  return (
    <Layout title={`Gennemse og indsend – ${p.formTitle}`} user={p.user} csrfToken={p.csrfToken}>
      <a href="/" className="back-link">
        Til oversigten
      </a>
      <p className="h5 mb-2 mt-5">{`${p.organisation} · ${p.formTitle}`}</p>
      <h1>Gennemse og indsend</h1>
      <StepIndicator steps={p.steps} />
      {p.notice && (
        <div className="alert alert-warning mb-6" role="alert">
          <div className="alert-body">
            <p className="alert-text">{p.notice}</p>
          </div>
        </div>
      )}
      <ErrorSummary items={p.problems} heading={p.problems.length === 1 ? 'Der er 1 fejl, som skal rettes, før du kan indsende' : `Der er ${p.problems.length} fejl, som skal rettes, før du kan indsende`} />
      <p className="font-lead">Kontrollér oplysningerne. Når du indsender, modtager {shell.authority} indberetningen præcis som vist her.</p>
      {p.answers}
      {p.blocked && (
        <div className="alert alert-warning mt-6" role="status">
          <div className="alert-body">
            <p className="alert-text">{p.blocked}</p>
          </div>
        </div>
      )}
      <form method="post" action={p.submitAction} className="mt-7">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <input type="hidden" name="version" value={String(p.version)} />
        <div className="button-row">
          <a className="button button-secondary" href={p.prevHref}>
            Tilbage
          </a>
          {p.problems.length === 0 && !p.blocked && (
            <button type="submit" className="button button-primary">
              Indsend indberetning
            </button>
          )}
        </div>
      </form>
    </Layout>
  );
}
