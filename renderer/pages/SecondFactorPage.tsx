import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';
import { TextField } from './TextField.tsx';
import { PageErrorAlert } from './PageErrorAlert.tsx';

/** Props of {@link SecondFactorPage}. */
export interface SecondFactorPageProps {
  readonly csrfToken: string;
  readonly user: HeaderUser;
  /** Why the last code failed (Danish), if it did. */
  readonly error?: string;
  /** Where to go afterwards. */
  readonly next?: string;
}

/** The login's second step: the code from the authenticator app, or a recovery code. */
export function SecondFactorPage({ csrfToken, user, error, next }: SecondFactorPageProps) {
  return (
    <Layout title="Indtast kode" user={user} csrfToken={csrfToken}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>Indtast kode</h1>
          <p className="font-lead">Åbn godkendelsesappen på din telefon, og indtast den 6-cifrede kode, den viser for denne løsning.</p>
          {error && <PageErrorAlert heading="Koden blev ikke godkendt" message={error} field="kode" />}
          <form method="post" action="/login/kode" noValidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            {next && <input type="hidden" name="next" value={next} />}
            <TextField id="kode" label="Kode" hint="Har du mistet din telefon, kan du bruge en af dine gendannelseskoder i stedet." error={error} width="s" autoComplete="one-time-code" spellCheck={false} required />
            <button type="submit" className="button button-primary mt-4">
              Fortsæt
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
