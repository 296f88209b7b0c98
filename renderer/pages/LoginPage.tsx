import { Layout } from './Layout.tsx';
import { PageErrorAlert } from './PageErrorAlert.tsx';
import { TextField } from './TextField.tsx';

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  readonly csrfToken: string;
  readonly email?: string;
  /** Why the last attempt failed (Danish), if it did. */
  readonly error?: string;
  /** Where to go after logging in. */
  readonly next?: string;
}

/** The login page: e-mail and password, errors in a summary linking to the field. */
export function LoginPage({ csrfToken, email = '', error, next }: LoginPageProps) {
  return (
    <Layout title="Log ind">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>Log ind</h1>
          <p className="font-lead">Log ind med det brugernavn og den adgangskode, du har fået som kontaktperson.</p>
          {error && <PageErrorAlert heading="Du blev ikke logget ind" message={error} field="email" />}
          <form method="post" action="/login" noValidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            {next && <input type="hidden" name="next" value={next} />}
            <TextField id="email" label="E-mail" type="email" value={email} error={error} autoComplete="username" required />
            <div className="form-group">
              <label className="form-label" htmlFor="password">
                Adgangskode
              </label>
              <input className="form-input input-width-xl" type="password" id="password" name="password" autoComplete="current-password" required />
            </div>
            <button type="submit" className="button button-primary mt-4">
              Log ind
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
