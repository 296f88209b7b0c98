import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';
import { TextField } from './TextField.tsx';
import { PageErrorAlert } from './PageErrorAlert.tsx';

/** What the two-factor page shows: the enrolment, the new recovery codes (once), or the status. */
export type TotpPageView =
  | { readonly kind: 'enrol'; readonly secret: string; readonly uri: string; readonly qrDataUrl?: string; readonly required: boolean; readonly error?: string }
  | { readonly kind: 'codes'; readonly recoveryCodes: readonly string[]; readonly next: string }
  | { readonly kind: 'enrolled'; readonly recoveryCodesLeft: number };

/** Props of {@link TotpPage}. */
export interface TotpPageProps {
  readonly csrfToken: string;
  readonly user: HeaderUser;
  readonly view: TotpPageView;
}

/** Groups a base32 secret in fours, as people read it off a screen. */
const grouped = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The user's own two-factor page: enrolment with a QR code and the secret as text, the recovery codes, the status. */
export function TotpPage({ csrfToken, user, view }: TotpPageProps) {
  return (
    <Layout title="Totrinsbekræftelse" user={user} csrfToken={csrfToken}>
      <div className="row">
        <div className="col-12 col-md-10 col-lg-8">
          <h1>Totrinsbekræftelse</h1>
          {view.kind === 'enrol' && <Enrol csrfToken={csrfToken} view={view} />}
          {view.kind === 'codes' && (
            <>
              <div className="alert alert-success mb-6" role="status">
                <div className="alert-body">
                  <p className="alert-heading">Totrinsbekræftelse er aktiveret.</p>
                </div>
              </div>
              <h2>Dine gendannelseskoder</h2>
              <p>
                Gem koderne et sikkert sted, fx udskrevet eller i en adgangskodemanager. Hver kode kan bruges én gang i stedet for koden fra appen, hvis du mister din
                telefon. Koderne vises kun denne ene gang.
              </p>
              <ul className="nobullet-list" id="gendannelseskoder">
                {view.recoveryCodes.map((c) => (
                  <li key={c}>
                    <code>{c}</code>
                  </li>
                ))}
              </ul>
              <a className="button button-primary mt-4" href={view.next}>
                Jeg har gemt koderne – fortsæt
              </a>
            </>
          )}
          {view.kind === 'enrolled' && (
            <>
              <p className="font-lead">Totrinsbekræftelse er aktiveret for din bruger. Du bliver bedt om en kode fra din godkendelsesapp, når du logger ind.</p>
              <p>Du har {view.recoveryCodesLeft} ubrugte gendannelseskoder. Har du mistet din telefon eller dine koder, kan en administrator nulstille din totrinsbekræftelse.</p>
              <p>
                <a href="/" className="function-link">
                  Til forsiden
                </a>
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

function Enrol({ csrfToken, view }: { csrfToken: string; view: Extract<TotpPageView, { kind: 'enrol' }> }) {
  const { error } = view;
  return (
    <>
      <p className="font-lead">
        {view.required
          ? 'Din rolle kræver totrinsbekræftelse. Aktivér den, før du fortsætter.'
          : 'Med totrinsbekræftelse skal du både bruge din adgangskode og en kode fra din telefon, når du logger ind.'}
      </p>
      {error && <PageErrorAlert heading="Totrinsbekræftelse blev ikke aktiveret" message={error} field="kode" />}
      <ol>
        <li>
          Installér en godkendelsesapp på din telefon, fx Microsoft Authenticator eller Google Authenticator, hvis du ikke allerede har en.
        </li>
        <li>
          Scan QR-koden med appen. Kan du ikke scanne, så vælg at indtaste nøglen manuelt i appen og skriv nøglen nedenfor.
          {view.qrDataUrl && (
            <p>
              <img src={view.qrDataUrl} width={200} height={200} alt="QR-kode til godkendelsesappen. Nøglen står også som tekst nedenfor." />
            </p>
          )}
          <p>
            Nøgle: <code id="totp-noegle">{grouped(view.secret)}</code>
          </p>
          <p>
            <a href={view.uri} className="function-link">
              Åbn i godkendelsesappen på denne enhed
            </a>
          </p>
        </li>
        <li>Indtast den 6-cifrede kode, appen viser.</li>
      </ol>
      <form method="post" action="/totp" noValidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <TextField id="kode" label="Kode fra appen" error={error} width="s" autoComplete="one-time-code" spellCheck={false} numeric required />
        <button type="submit" className="button button-primary mt-4">
          Aktivér totrinsbekræftelse
        </button>
      </form>
    </>
  );
}
