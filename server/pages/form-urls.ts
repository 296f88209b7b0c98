/** The page addresses of one form; every link and redirect is built here. */
export interface FormUrls {
  readonly start: string;
  step(index: number): string;
  readonly review: string;
  readonly submit: string;
  readonly receipt: string;
  readonly pdf: string;
  /** The JSON API's draft resource the browser saves to. */
  readonly draft: string;
}

/**
 * Builds a form's addresses.
 * @param roundId the round
 * @param formName the form
 * @returns the addresses
 */
export function formUrls(roundId: string, formName: string): FormUrls {
  const base = `/indberetning/${encodeURIComponent(roundId)}/${encodeURIComponent(formName)}`;
  return {
    start: base,
    step: (i) => `${base}/trin/${i + 1}`,
    review: `${base}/gennemse`,
    submit: `${base}/indsend`,
    receipt: `${base}/kvittering`,
    pdf: `${base}/kvittering.pdf`,
    draft: `/api/rounds/${encodeURIComponent(roundId)}/forms/${encodeURIComponent(formName)}/submission`,
  };
}
