import type { Lang } from '../../engine/index.ts';
import { FORM_ROOT_ID, PAGE_DATA_ID } from '../form-page-data.ts';
import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';
import { StepIndicator, type Step } from './StepIndicator.tsx';

/** Props of {@link FormPage}. */
export interface FormPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly organisation: string;
  readonly formTitle: string;
  /** The round's title, last in the document title ("step – form – round"). */
  readonly roundTitle: string;
  readonly stepTitle: string;
  readonly steps: readonly Step[];
  /** The form as `renderToString` produced it; the browser hydrates this exact markup. */
  readonly formHtml: string;
  /** The page data as escaped JSON (see `safeJson`). */
  readonly dataJson: string;
  readonly script: string;
  readonly lang?: Lang;
  /** The same step in the other language. */
  readonly otherLanguageHref?: string;
  /** Shown while the draft holds last round's answers the respondent has not yet confirmed. */
  readonly prefill?: { readonly fromRoundId: string; readonly confirmAction: string };
}

/** One step of the form: caption, heading, progress, and the server-rendered form to hydrate. */
export function FormPage({ user, csrfToken, organisation, formTitle, roundTitle, stepTitle, steps, formHtml, dataJson, script, lang = 'da', otherLanguageHref, prefill }: FormPageProps) {
  return (
    <Layout title={`${stepTitle} – ${formTitle}`} documentTitle={`${stepTitle} – ${formTitle} – ${roundTitle}`} user={user} csrfToken={csrfToken} scripts={[script]} lang={lang}>
      <div className="d-flex">
        <a href="/" className="back-link" lang="da">
          Til oversigten
        </a>
        {otherLanguageHref && (
          <a href={otherLanguageHref} className="function-link ml-auto mt-5" lang={lang === 'da' ? 'en' : 'da'}>
            {lang === 'da' ? 'English' : 'Dansk'}
          </a>
        )}
      </div>
      <p className="h5 mb-2 mt-5">{`${organisation} · ${formTitle}`}</p>
      <h1>{stepTitle}</h1>
      <StepIndicator steps={steps} />
      {prefill && (
        <div className="alert alert-info mb-6" id="forudfyldt" lang="da">
          <div className="alert-body">
            <p className="alert-heading">Forudfyldt fra sidste år</p>
            <p className="alert-text">{`Svarene er hentet fra jeres indberetning i runde ${prefill.fromRoundId}. Kontrollér dem, ret det, der er ændret, og bekræft.`}</p>
            <form method="post" action={prefill.confirmAction}>
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" className="button button-secondary mt-3">
                Bekræft sidste års svar
              </button>
            </form>
          </div>
        </div>
      )}
      <noscript>
        <div className="alert alert-warning mb-6">
          <div className="alert-body">
            <p className="alert-text">Skemaet kræver JavaScript for at kunne udfyldes og gemmes. En indsendt indberetning kan læses uden JavaScript.</p>
          </div>
        </div>
      </noscript>
      <div id={FORM_ROOT_ID} dangerouslySetInnerHTML={{ __html: formHtml }} />
      <script type="application/json" id={PAGE_DATA_ID} dangerouslySetInnerHTML={{ __html: dataJson }} />
    </Layout>
  );
}
