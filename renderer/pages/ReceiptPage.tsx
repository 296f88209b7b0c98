import { useContext, type ReactNode } from 'react';
import { ShellContext } from './shell.ts';
import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';

/** Facts of a submitted report, shown on the receipt page and in its PDF. */
export interface ReceiptFacts {
  /** What the round calls one respondent, as a heading ("Kommune", "Institution"). */
  readonly respondentLabel: string;
  readonly organisation: string;
  readonly formTitle: string;
  readonly roundTitle: string;
  /** Danish date and time of submission. */
  readonly submittedAt: string;
  readonly reference: string;
  readonly version: number;
}

/** Props of {@link ReceiptPage}. */
export interface ReceiptPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly facts: ReceiptFacts;
  readonly pdfHref: string;
  readonly answers: ReactNode;
}

/** The facts list shared by the receipt page and the PDF. */
export function ReceiptFactsList({ facts }: { facts: ReceiptFacts }) {
  return (
    <dl className="indberet-answers">
      <div className="indberet-answer">
        <dt>{facts.respondentLabel}</dt>
        <dd>{facts.organisation}</dd>
      </div>
      <div className="indberet-answer">
        <dt>Indberetning</dt>
        <dd>{facts.roundTitle}</dd>
      </div>
      <div className="indberet-answer">
        <dt>Indsendt</dt>
        <dd>{facts.submittedAt}</dd>
      </div>
      <div className="indberet-answer">
        <dt>Kvitteringsnummer</dt>
        <dd>{facts.reference}</dd>
      </div>
    </dl>
  );
}

/** The receipt (kvittering): when the report was received, a PDF of it, and every answer. Works without JavaScript. */
export function ReceiptPage({ user, csrfToken, facts, pdfHref, answers }: ReceiptPageProps) {
  const shell = useContext(ShellContext);
  return (
    <Layout title={`Kvittering – ${facts.formTitle}`} user={user} csrfToken={csrfToken}>
      <a href="/" className="back-link">
        Til oversigten
      </a>
      <h1 className="mt-5">Kvittering</h1>
      <div className="alert alert-success mb-6" role="status">
        <div className="alert-body">
          <h2 className="alert-heading">Indberetningen er modtaget</h2>
          <p className="alert-text">{`${shell.authority} modtog indberetningen fra ${facts.organisation} ${facts.submittedAt}.`}</p>
        </div>
      </div>
      <ReceiptFactsList facts={facts} />
      <p className="mt-5">
        <a className="button button-secondary" href={pdfHref} download>
          Hent kvittering som PDF
        </a>
      </p>
      <h2 className="mt-7">Det indsendte</h2>
      {answers}
    </Layout>
  );
}
