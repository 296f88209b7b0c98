/** A submitted report as storage lists it: the respondent, when, and the stored (validated) answers. */
export interface SubmittedReport {
  /** The respondent's code, the key of the round's respondent table. */
  readonly respondent: string;
  /** ISO-8601 timestamp. */
  readonly submittedAt: string;
  readonly answers: unknown;
}
