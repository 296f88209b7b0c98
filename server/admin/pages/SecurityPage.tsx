import { SECURITY_EVENTS, type SecurityEventView } from '../../../engine/workflows/index.ts';
import { formatDateTime, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout } from './AdminLayout.tsx';

/** Props of {@link SecurityPage}. */
export interface SecurityPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly events: readonly SecurityEventView[];
}

/** The latest security events (logins, failed and refused attempts, password changes) with address and browser. */
export function SecurityPage({ user, csrfToken, roundId, timeZone, events }: SecurityPageProps) {
  return (
    <AdminLayout title="Sikkerhedshændelser" user={user} csrfToken={csrfToken} roundId={roundId} current="sikkerhed">
      <h1>Sikkerhedshændelser</h1>
      <p className="font-lead">
        Log ind, forkerte og afviste forsøg og skift af adgangskode, med den adresse og browser, de kom fra. Alle hændelser står også i revisionsloggen.
      </p>
      {events.length === 0 ? (
        <p>Der er ingen hændelser endnu.</p>
      ) : (
        <table className="table table--compact">
          <caption>De seneste {events.length} hændelser, nyeste først</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hændelse</th>
              <th scope="col">Konto</th>
              <th scope="col">Adresse</th>
              <th scope="col">Browser</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq}>
                <td>{formatDateTime(e.at, timeZone)}</td>
                <td>{SECURITY_EVENTS[e.action]}</td>
                <td>{e.account}</td>
                <td>{e.ip}</td>
                <td>{e.userAgent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
