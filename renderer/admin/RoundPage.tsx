import type { HeaderUser } from '../pages/Layout.tsx';
import { roundHref, RoundsLayout, RoundsNotice } from './RoundsLayout.tsx';

/** Props of {@link RoundPage}. */
export interface RoundPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly id: string;
  readonly title: string;
  readonly status: 'filer' | 'kladde' | 'offentliggjort';
  readonly version: number | null;
  readonly previous: string | null;
  readonly hash: string | null;
  readonly files: readonly string[];
  /** Lint issues of a draft (empty when it can be published). */
  readonly issues: readonly { readonly file: string; readonly pointer: string; readonly message: string }[];
  /** What the round calls several respondents, lower case ("kommuner", "institutioner"). */
  readonly many: string;
  readonly notice?: string;
  readonly error?: string;
}

// In the round's own words: a round of schools is not shown to municipalities.
const STATUS_TEXT = {
  filer: () => 'Runden læses fra mappen schemas/ og ændres i filerne dér.',
  kladde: (many: string) => `Kladde: runden kan rettes og er ikke synlig for rundens ${many}.`,
  offentliggjort: (many: string) => `Offentliggjort: runden er låst og vises for rundens ${many}. En rettelse kræver en ny version (kopiér den til fx 2025-2), før runden åbner.`,
};

/** One round: its files (edit, download), the comparison with the previous round, the dry run, publishing. */
export function RoundPage(p: RoundPageProps) {
  const editable = p.status === 'kladde';
  return (
    <RoundsLayout title={`Runde ${p.id}`} user={p.user} csrfToken={p.csrfToken} roundId={p.id}>
      <h1>{`Runde ${p.id}`}</h1>
      <p className="font-lead">{p.title}</p>
      <RoundsNotice text={p.notice} />
      <RoundsNotice text={p.error} kind="error" />
      <p>{STATUS_TEXT[p.status](p.many)}</p>
      <dl className="indberet-answers">
        <div className="indberet-answer">
          <dt>Forrige runde</dt>
          <dd>{p.previous ?? 'Ingen'}</dd>
        </div>
        {p.version !== null && (
          <div className="indberet-answer">
            <dt>Version</dt>
            <dd>{p.version}</dd>
          </div>
        )}
        {p.hash && (
          <div className="indberet-answer">
            <dt>Indholdets hash (SHA-256)</dt>
            <dd className="indberet-code">{p.hash}</dd>
          </div>
        )}
      </dl>

      <h2>Filer</h2>
      {editable && (
        <p>
          <a href={roundHref(p.id, 'rediger')} className="button button-secondary">
            Redigér runden: spørgsmål, navne, datoer, tabeller og nye filer
          </a>
        </p>
      )}
      <ul className="nobullet-list">
        {p.files.map((f) => (
          <li key={f} className="mb-3">
            <a href={roundHref(p.id, 'filer', f)} className="function-link">
              {editable ? `Redigér ${f}` : `Vis ${f}`}
            </a>
            {' · '}
            <a href={roundHref(p.id, 'filer', f, 'hent')} className="function-link" download={f}>
              {`Hent ${f}`}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href={roundHref(p.id, 'hent')} className="button button-secondary" download={`runde-${p.id}.json`}>
          Hent hele runden (JSON)
        </a>
      </p>

      {p.previous && (
        <>
          <h2>Sammenlign med {p.previous}</h2>
          <ul className="nobullet-list">
            <li className="mb-3">
              <a href={roundHref(p.id, 'aendringer')} className="function-link">
                Ændringer i skemaerne
              </a>
            </li>
            <li>
              <a href={roundHref(p.id, 'proevekoersel')} className="function-link">
                Prøvekørsel: sidste års indberetninger valideret mod de nye skemaer
              </a>
            </li>
          </ul>
        </>
      )}

      {editable && (
        <>
          <h2>Offentliggør</h2>
          {p.issues.length > 0 ? (
            <>
              <p>Runden har fejl og kan ikke offentliggøres endnu:</p>
              <ul>
                {p.issues.map((i, n) => (
                  <li key={n}>
                    <span className="indberet-code">{`${i.file}${i.pointer ? `#${i.pointer}` : ''}`}</span>: {i.message}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{`Runden er uden fejl. Når den offentliggøres, låses filerne, og rundens ${p.many} ser den nye runde${p.previous ? ' med sidste års svar forudfyldt' : ''}.`}</p>
          )}
          <form method="post" action={roundHref(p.id, 'offentliggoer')}>
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <input type="hidden" name="version" value={String(p.version ?? 0)} />
            <button type="submit" className="button button-primary" disabled={p.issues.length > 0}>
              {`Offentliggør runde ${p.id}`}
            </button>
          </form>
        </>
      )}
    </RoundsLayout>
  );
}
