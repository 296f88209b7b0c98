import type { BoardLabels, BoardRow, BoardStatus, FilteredBoard } from '../../../engine/contacts/index.ts';
import { boardStatusLabel, BOARD_STATUSES } from '../../../engine/contacts/index.ts';
import { formatDateTime, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';

/** Props of {@link BoardPage}. */
export interface BoardPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly roundTitle: string;
  readonly reportTitle: string;
  readonly timeZone: string;
  readonly board: FilteredBoard;
  readonly filter: { readonly status?: BoardStatus; readonly group?: string; readonly q?: string };
  /** The round's words for its respondents and its group attribute. */
  readonly labels: BoardLabels;
  /** The query string of the current filters (for the export links), with its `?`, or ''. */
  readonly query: string;
  readonly notice?: string;
}

const BADGE: Record<BoardStatus, string> = {
  'ingen-kontakt': 'badge-error',
  kontaktperson: 'badge-warning',
  'login-sendt': 'badge-info',
  'logget-ind': 'badge-info',
  kladde: 'badge-warning',
  indsendt: 'badge-success',
  genaabnet: 'badge-warning',
};

function Row({ r, roundId, timeZone, grouped }: { r: BoardRow; roundId: string; timeZone: string; grouped: boolean }) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : '–');
  return (
    <tr>
      <td>
        <a href={`/admin/runde/${encodeURIComponent(roundId)}/respondent/${encodeURIComponent(r.code)}`} className="function-link">
          {r.navn}
        </a>{' '}
        <span className="font-size-sm">({r.code})</span>
      </td>
      {grouped ? <td>{r.group}</td> : null}
      <td>
        <span className={`badge ${BADGE[r.status]}`}>{boardStatusLabel(r.status)}</span>
        {r.detail ? <div className="font-size-sm">{r.detail}</div> : null}
      </td>
      <td>
        {r.contact ? (
          <>
            {r.contact.navn}
            <div className="font-size-sm">{r.contact.email}</div>
          </>
        ) : (
          '–'
        )}
      </td>
      <td>{when(r.lastLoginAt)}</td>
      <td>{when(r.lastActivity)}</td>
    </tr>
  );
}

/** The ministry's board: every respondent with its status, counts per status, filters, exports and the round's bulk actions. */
export function BoardPage({ user, csrfToken, roundId, roundTitle, reportTitle, timeZone, board, filter, labels, query, notice }: BoardPageProps) {
  const base = `/admin/runde/${encodeURIComponent(roundId)}`;
  const withStatus = (s: BoardStatus) => {
    const p = new URLSearchParams();
    p.set('status', s);
    if (filter.group) p.set('gruppe', filter.group);
    if (filter.q) p.set('q', filter.q);
    return `${base}?${p.toString()}`;
  };
  return (
    <AdminLayout title={`Oversigt over ${labels.many}`} user={user} csrfToken={csrfToken} roundId={roundId} current="oversigt">
      <h1>Oversigt over {labels.many}</h1>
      <p className="font-lead">{roundTitle}</p>
      <Notice text={notice} />
      <section aria-labelledby="antal">
        <h2 id="antal">Status</h2>
        <p>
          {board.total} {labels.many}
          {filter.group || filter.q ? ' efter filtrering' : ''}. Status for indberetningen følger skemaet «{reportTitle}».
        </p>
        <ul className="unstyled-list">
          {board.counts.map((c) => (
            <li key={c.status}>
              <a href={withStatus(c.status)} className="function-link" aria-current={filter.status === c.status ? 'true' : undefined}>
                {c.label}: {c.count}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="filtre" className="mt-6">
        <h2 id="filtre">Filtrér</h2>
        <form method="get" action={base}>
          <div className="form-group">
            <label className="form-label" htmlFor="status">
              Status
            </label>
            <select className="form-select" id="status" name="status" defaultValue={filter.status ?? ''}>
              <option value="">Alle</option>
              {BOARD_STATUSES.map((s) => (
                <option key={s.status} value={s.status}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          {labels.group ? (
            <div className="form-group">
              <label className="form-label" htmlFor="gruppe">
                {labels.group}
              </label>
              <select className="form-select" id="gruppe" name="gruppe" defaultValue={filter.group ?? ''}>
                <option value="">Alle</option>
                {labels.groups.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="form-group">
            <label className="form-label" htmlFor="q">
              Søg i {labels.one}, kode eller kontaktperson
            </label>
            <input className="form-input input-width-l" type="search" id="q" name="q" defaultValue={filter.q ?? ''} />
          </div>
          <button type="submit" className="button button-secondary mt-4">
            Filtrér
          </button>
        </form>
      </section>
      <section aria-labelledby="handlinger" className="mt-6">
        <h2 id="handlinger">Handlinger</h2>
        <div className="button-row">
          <form method="post" action={`${base}/logins/send`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" className="button button-primary">
              Send logins til nye og ændrede kontakter
            </button>
          </form>
          <form method="post" action={`${base}/paamindelser`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" className="button button-secondary">
              Send påmindelse til {labels.many}, der ikke har indsendt
            </button>
          </form>
        </div>
        <p className="mt-4">
          Hent oversigten:{' '}
          <a href={`${base}/oversigt.csv${query}`} className="function-link">
            CSV
          </a>{' '}
          ·{' '}
          <a href={`${base}/oversigt.xlsx${query}`} className="function-link">
            Excel (XLSX)
          </a>
        </p>
      </section>
      <div className="table--responsive-scroll mt-6">
        <table className="table table--compact">
          <caption>
            {labels.manyTitle}
            {filter.status ? ` med status «${boardStatusLabel(filter.status)}»` : ''} ({board.rows.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              {labels.group ? <th scope="col">{labels.group}</th> : null}
              <th scope="col">Status</th>
              <th scope="col">Kontaktperson</th>
              <th scope="col">Senest logget ind</th>
              <th scope="col">Seneste aktivitet</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <Row key={r.organisationId} r={r} roundId={roundId} timeZone={timeZone} grouped={labels.group !== null} />
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
