import type { FormDryRun } from '../../engine/rounds/index.ts';
import type { HeaderUser } from '../pages/Layout.tsx';
import { RoundsLayout } from './RoundsLayout.tsx';

/** Props of {@link RoundDryRunPage}. */
export interface RoundDryRunPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly previousId: string;
  readonly forms: readonly FormDryRun[];
  /** What the round calls several respondents, as a heading ("Kommuner", "Institutioner"). */
  readonly manyTitle: string;
}

/** Last round's submitted reports validated against the new forms: how many would fail, and why. */
export function RoundDryRunPage({ user, csrfToken, roundId, previousId, forms, manyTitle }: RoundDryRunPageProps) {
  return (
    <RoundsLayout title={`Prøvekørsel ${roundId}`} user={user} csrfToken={csrfToken} roundId={roundId}>
      <h1>{`Prøvekørsel af runde ${roundId}`}</h1>
      <p className="font-lead">{`De indsendte indberetninger fra ${previousId}, overført gennem omdøbninger, valideret mod skemaerne i ${roundId}.`}</p>
      {forms.map(({ name, title, report }) => (
        <section key={name} aria-labelledby={`proeve-${name}`} className="mb-8">
          <h2 id={`proeve-${name}`}>{title}</h2>
          <p data-form={name} className="indberet-dry-run-counts">
            {`${report.valid} af ${report.total} indberetninger er gyldige; ${report.invalid} ville fejle.`}
          </p>
          {report.issues.length > 0 && (
            <div className="indberet-table-wrap">
              <table className="table table--compact">
                <caption className="sr-only">{`Fejl i ${title}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Antal</th>
                    <th scope="col">Felt</th>
                    <th scope="col">Regel</th>
                    <th scope="col">Besked</th>
                  </tr>
                </thead>
                <tbody>
                  {report.issues.map((i, n) => (
                    <tr key={n}>
                      <td>{i.count}</td>
                      <td className="indberet-code">{i.path}</td>
                      <td>{i.keyword}</td>
                      <td>{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.failures.length > 0 && <p>{`${manyTitle} med fejl: ${report.failures.map((f) => f.label).join(', ')}.`}</p>}
        </section>
      ))}
    </RoundsLayout>
  );
}
