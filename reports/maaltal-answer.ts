import type { Round2024 } from '../engine/generated/forms.ts';

/**
 * The validated `maaltal` answer, typed by the generated form types: when the schema changes and
 * the types are regenerated, the compiler points at every place the reports read a changed field.
 * Computed fields are optional in the generated type; after `validate` they are present, except
 * `andelKvinder` and `underrepraesenteretKoen`, which the engine leaves out when they have no value.
 */
export type MaaltalSvar = Round2024.Maaltal;

/** One management unit: the whole municipality, or one department of a split one. */
export type Enhed = Round2024.MaaltalForm.Enhed;

/** Status of an earlier target. */
export type TidligereMaalStatus = Round2024.MaaltalForm.TidligereMaal['status'];

/** A submitted report as storage lists it: the organisation, when, and the stored answers. */
export interface SubmittedReport {
  readonly kommunekode: string;
  /** ISO-8601 UTC timestamp. */
  readonly submittedAt: string;
  readonly answers: MaaltalSvar;
}
