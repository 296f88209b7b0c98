import type { HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout } from './AdminLayout.tsx';

/** Props of {@link MailPage}. */
export interface MailPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly subject: string;
  readonly text: string;
}

/** One mail: its facts (recipient, status, times) and its text. */
export function MailPage({ user, csrfToken, roundId, facts, subject, text }: MailPageProps) {
  return (
    <AdminLayout title={subject || 'Mail'} user={user} csrfToken={csrfToken} roundId={roundId} current="udbakke">
      <h1>{subject || 'Mail'}</h1>
      <dl className="indberet-answers">
        {facts.map(([k, v]) => (
          <div className="indberet-answer" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2 id="mailtekst">Tekst</h2>
      {/* Long lines (links) scroll sideways: the region takes focus so the keyboard can scroll it. */}
      <pre className="mt-4" tabIndex={0} role="region" aria-labelledby="mailtekst">
        {text}
      </pre>
      <p className="mt-6">
        <a href={`/admin/udbakke?runde=${encodeURIComponent(roundId)}`} className="function-link">
          Tilbage til udbakken
        </a>
      </p>
    </AdminLayout>
  );
}
