import { ErrorSummary, formatDateTime, TextField, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';

/** A ministry account as listed. */
export interface StaffRow {
  readonly navn: string;
  readonly email: string;
  readonly role: 'admin' | 'analyst';
  readonly createdAt: string;
  readonly mustChangePassword: boolean;
  readonly id: string;
  /** Whether the account has a confirmed second factor (TOTP). */
  readonly totp: boolean;
}

/** Props of {@link UsersPage}. */
export interface UsersPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly users: readonly StaffRow[];
  readonly values: { readonly navn: string; readonly email: string; readonly role: string };
  readonly errors: Readonly<Record<string, string>>;
  /** Right after creating an account: its e-mail and one-time password, shown this once. */
  readonly created?: { readonly email: string; readonly password: string } | undefined;
  /** Right after a second factor was reset: whose. */
  readonly reset?: string | undefined;
}

const ROLE_TEXT = { analyst: 'Analytiker', admin: 'Administrator' } as const;
const ROLE_HINT = {
  analyst: 'læser indsendte indberetninger, danner og offentliggør rapporter',
  admin: 'alt, også kontakter, logins, frister og brugere',
} as const;

/** The ministry's accounts (analysts and administrators) and a form that creates one with a one-time password. */
export function UsersPage({ user, csrfToken, roundId, timeZone, users, values, errors, created, reset }: UsersPageProps) {
  const summary = Object.entries(errors).map(([field, text]) => ({ href: field === 'role' ? '#role-analyst' : `#${field}`, text }));
  return (
    <AdminLayout title="Brugere" user={user} csrfToken={csrfToken} roundId={roundId} current="brugere">
      <h1>Brugere</h1>
      <p className="font-lead">Ministeriets analytikere og administratorer. Respondenternes logins sendes fra hver respondents side under runden.</p>
      {created ? (
        <Notice
          text={`Brugeren ${created.email} er oprettet. Engangsadgangskoden er ${created.password} – giv den til brugeren ad en sikker vej. Den vises kun nu og skal skiftes ved første login.`}
        />
      ) : null}
      {reset ? <Notice text={`Totrinsbekræftelsen for ${reset} er nulstillet, og brugeren er logget ud. Brugeren skal aktivere den igen ved næste login.`} /> : null}
      <ErrorSummary items={summary} />
      <section aria-labelledby="opret" className="mt-6">
        <h2 id="opret">Opret bruger</h2>
        <form method="post" action="/admin/brugere" noValidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <TextField id="navn" label="Navn" value={values.navn} error={errors.navn} autoComplete="off" />
          <TextField id="email" label="E-mail" value={values.email} error={errors.email} type="email" autoComplete="off" />
          <div className={`form-group${errors.role ? ' form-error' : ''}`}>
            <fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
              <legend className="form-label">Rolle</legend>
              {errors.role ? (
                <span className="form-error-message" id="role-error">
                  <span className="sr-only">Fejl: </span>
                  {errors.role}
                </span>
              ) : null}
              <ul className="nobullet-list">
                {(['analyst', 'admin'] as const).map((r) => (
                  <li key={r}>
                    <input className="form-radio" type="radio" id={`role-${r}`} name="role" value={r} defaultChecked={values.role === r} />
                    <label htmlFor={`role-${r}`}>
                      {ROLE_TEXT[r]}: {ROLE_HINT[r]}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          </div>
          <button type="submit" className="button button-primary mt-4">
            Opret bruger
          </button>
        </form>
      </section>
      <section aria-labelledby="konti" className="mt-8">
        <h2 id="konti">Ministeriets brugere</h2>
        <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby="konti">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">E-mail</th>
                <th scope="col">Rolle</th>
                <th scope="col">Oprettet</th>
                <th scope="col">Totrinsbekræftelse</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.email}>
                  <td>{u.navn}</td>
                  <td>{u.email}</td>
                  <td>
                    {ROLE_TEXT[u.role]}
                    {u.mustChangePassword ? ' (har ikke valgt adgangskode)' : ''}
                  </td>
                  <td>{formatDateTime(u.createdAt, timeZone)}</td>
                  <td>
                    {u.totp ? 'Aktiveret' : 'Ikke aktiveret'}
                    {u.totp && (
                      <form method="post" action={`/admin/brugere/${encodeURIComponent(u.id)}/totp/nulstil`} className="mt-2">
                        <input type="hidden" name="_csrf" value={csrfToken} />
                        <button type="submit" className="button button-secondary">
                          Nulstil<span className="sr-only"> totrinsbekræftelse for {u.navn}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminLayout>
  );
}
