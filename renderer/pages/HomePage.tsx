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

/** One round the respondent takes part in, with its forms. */
export interface HomeRound {
  readonly id: string;
  readonly title: string;
  /** Who answers a deadline question ("Ligestillingsafdelingen"). */
  readonly sender: string;
  /** The round's word for one respondent ("kommunen", "institutionen"), definite. */
  readonly respondentWord: string;
  readonly forms: readonly HomeForm[];
}

/** Props of {@link HomePage}. */
export interface HomePageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly organisation: string;
  /** Every round the respondent takes part in, newest first. */
  readonly rounds: readonly HomeRound[];
}

const STATUS: Record<HomeForm['status'], { text: string; cls: string }> = {
  'ikke-startet': { text: 'Ikke påbegyndt', cls: 'badge-info' },
  kladde: { text: 'Kladde gemt', cls: 'badge-warning' },
  indsendt: { text: 'Indsendt', cls: 'badge-success' },
  genaabnet: { text: 'Genåbnet', cls: 'badge-warning' },
};

function FormCard({ f, round }: { f: HomeForm; round: HomeRound }) {
  return (
    <section className="card mt-6" aria-labelledby={`${f.href}-title`}>
      <div className="card-content">
        <h3 className="h3 mt-0" id={`${f.href}-title`}>
          {f.title}
        </h3>
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
          <p className="mt-4">
            Fristen er overskredet. Kontakt {round.sender}, hvis {round.respondentWord} har brug for en forlænget frist.
          </p>
        ) : null}
        <a className={`button ${f.status === 'indsendt' ? 'button-secondary' : 'button-primary'} mt-4`} href={f.href}>
          {f.action}
        </a>
      </div>
    </section>
  );
}

/** The respondent's home: every round it takes part in, each form's deadline and status, and where to continue. */
export function HomePage({ user, csrfToken, organisation, rounds }: HomePageProps) {
  return (
    <Layout title={organisation} user={user} csrfToken={csrfToken}>
      <p className="h5 mb-2">{organisation}</p>
      <h1>Indberetning</h1>
      {rounds.length === 0 ? <p className="font-lead">Der er ingen indberetninger til jer lige nu.</p> : null}
      {rounds.map((r) => (
        <div key={r.id} className="mt-6">
          <h2 id={`runde-${r.id}`} className="font-lead">
            {r.title}
          </h2>
          {r.forms.map((f) => (
            <FormCard key={f.href} f={f} round={r} />
          ))}
        </div>
      ))}
      <p className="mt-8">
        <a href="/totp" className="function-link">
          Totrinsbekræftelse: beskyt din bruger med en kode fra din telefon
        </a>
      </p>
    </Layout>
  );
}
