import type { MailView } from '../../../engine/contacts/index.ts';
import { formatDateTime } from '../../../renderer/index.ts';

const KIND: Record<string, string> = { credentials: 'Login', reminder: 'Påmindelse' };
const STATUS: Record<string, string> = { pending: 'Venter', sending: 'Sendes', sent: 'Sendt', failed: 'Fejlet', cancelled: 'Annulleret' };

/** A table of recorded mails: kind, recipient, subject, status and when. */
export function MailTable({ mails, timeZone, caption }: { mails: readonly MailView[]; timeZone: string; caption: string }) {
  if (mails.length === 0) return <p>Ingen mails endnu.</p>;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Oprettet</th>
            <th scope="col">Type</th>
            <th scope="col">Modtager</th>
            <th scope="col">Emne</th>
            <th scope="col">Status</th>
            <th scope="col">Sendt</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((m) => (
            <tr key={m.id}>
              <td>{formatDateTime(m.createdAt, timeZone)}</td>
              <td>
                {KIND[m.kind] ?? m.kind}
                {m.kind === 'credentials' && m.roundId && m.code ? (
                  // The sent mail holds no link any more; a fresh login (by mail, or a link to copy) is made on the municipality's page.
                  <div className="font-size-sm">
                    <a href={`/admin/runde/${encodeURIComponent(m.roundId)}/respondent/${encodeURIComponent(m.code)}#login`} className="function-link">
                      Nyt login til {m.kommune ?? m.code}
                    </a>
                  </div>
                ) : null}
              </td>
              <td>
                {m.recipientName}
                <div className="font-size-sm">{m.recipient}</div>
              </td>
              <td>
                <a href={`/admin/udbakke/mail/${m.id}`} className="function-link">
                  {m.subject}
                </a>
              </td>
              <td>
                {STATUS[m.status] ?? m.status}
                {m.lastError ? <div className="font-size-sm">{m.lastError}</div> : null}
              </td>
              <td>{m.sentAt ? formatDateTime(m.sentAt, timeZone) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
