import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';

/** One form of the round as the municipality's home lists it. */
export interface HomeForm {
  readonly title: string;
  /** The deadline in Danish, e.g. "31. maj 2024". */
  readonly frist: string | null;
  readonly status: 'ikke-startet' | 'kladde' | 'indsendt' | 'genaabnet';
  /** Status detail, e.g. "Indsendt 30. maj 2024 kl. 14:05". */
  readonly detail: string;
  readonly href: string;
  readonly action: string;
  readonly closed: boolean;
}

/** Props of {@link HomePage}. */
export interface HomePageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly organisation: string;
  readonly roundTitle: string;
  readonly forms: readonly HomeForm[];
}

const STATUS: Record<HomeForm['status'], { text: string; cls: string }> = {
  'ikke-startet': { text: 'Ikke påbegyndt', cls: 'badge-info' },
  kladde: { text: 'Kladde gemt', cls: 'badge-warning' },
  indsendt: { text: 'Indsendt', cls: 'badge-success' },
  genaabnet: { text: 'Genåbnet', cls: 'badge-warning' },
};

/** The municipality's home: the round, each form's deadline and status, and where to continue. */
export function HomePage({ user, csrfToken, organisation, roundTitle, forms }: HomePageProps) {
  return (
    <Layout title={organisation} user={user} csrfToken={csrfToken}>
      <p className="h5 mb-2">{organisation}</p>
      <h1>Indberetning</h1>
      <p className="font-lead">{roundTitle}</p>
      {forms.map((f) => (
        <section className="card mt-6" key={f.href} aria-labelledby={`${f.href}-title`}>
          <div className="card-content">
            <h2 className="h3 mt-0" id={`${f.href}-title`}>
              {f.title}
            </h2>
            <dl className="indberet-answers">
              <div className="indberet-answer">
                <dt>Frist</dt>
                <dd>{f.frist ?? 'Ingen frist'}</dd>
              </div>
              <div className="indberet-answer">
                <dt>Status</dt>
                <dd>
                  <span className={`badge ${STATUS[f.status].cls}`}>{STATUS[f.status].text}</span> {f.detail}
                </dd>
              </div>
            </dl>
            {f.closed && f.status !== 'indsendt' ? (
              <p className="mt-4">Fristen er overskredet. Kontakt Ligestillingsafdelingen, hvis kommunen har brug for en forlænget frist.</p>
            ) : null}
            <a className={`button ${f.status === 'indsendt' ? 'button-secondary' : 'button-primary'} mt-4`} href={f.href}>
              {f.action}
            </a>
          </div>
        </section>
      ))}
    </Layout>
  );
}
