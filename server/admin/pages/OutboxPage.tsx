import type { MailView } from '../../../engine/contacts/index.ts';
import type { OutboxFile } from '../../../engine/mail/index.ts';
import { formatDateTime, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';
import { MailTable } from './MailTable.tsx';

/** Props of {@link OutboxPage}. */
export interface OutboxPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly transport: { readonly kind: 'smtp' | 'outbox'; readonly description: string };
  readonly mails: readonly MailView[];
  readonly waiting: number;
  readonly files: readonly OutboxFile[];
  readonly notice?: string;
}

/** Every mail the service has recorded, how mail leaves the service, and the outbox folder's files when there is no SMTP server. */
export function OutboxPage({ user, csrfToken, roundId, timeZone, transport, mails, waiting, files, notice }: OutboxPageProps) {
  return (
    <AdminLayout title="Udbakke" user={user} csrfToken={csrfToken} roundId={roundId} current="udbakke">
      <h1>Udbakke</h1>
      <p className="font-lead">
        {transport.kind === 'smtp'
          ? `Mails sendes via ${transport.description}.`
          : 'Der er ingen SMTP-server sat op (SMTP_URL), så mails lægges som filer i udbakken herunder i stedet for at blive sendt.'}
      </p>
      <Notice text={notice} />
      <p>{waiting === 1 ? '1 mail venter på at blive sendt.' : `${waiting} mails venter på at blive sendt.`}</p>
      <form method="post" action="/admin/udbakke/send">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" className="button button-secondary" disabled={waiting === 0}>
          Send ventende mails
        </button>
      </form>
      <section aria-labelledby="log" className="mt-8">
        <h2 id="log">Alle mails</h2>
        <MailTable mails={mails} timeZone={timeZone} caption="Mails, nyeste først" />
      </section>
      {transport.kind === 'outbox' ? (
        <section aria-labelledby="filer" className="mt-8">
          <h2 id="filer">Filer i udbakken</h2>
          {files.length === 0 ? (
            <p>Udbakken er tom.</p>
          ) : (
            <div className="table--responsive-scroll">
            <table className="table table--compact">
              <caption>Mailfiler, nyeste først</caption>
              <thead>
                <tr>
                  <th scope="col">Gemt</th>
                  <th scope="col">Modtager</th>
                  <th scope="col">Emne</th>
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr key={f.name}>
                    <td>{formatDateTime(f.modifiedAt, timeZone)}</td>
                    <td>{f.to}</td>
                    <td>
                      <a href={`/admin/udbakke/fil/${f.name}`} className="function-link">
                        {f.subject || f.name}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </section>
      ) : null}
    </AdminLayout>
  );
}
