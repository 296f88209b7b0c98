/** Where a municipality stands in the round, from the ministry's point of view. */
export type BoardStatus = 'ingen-kontakt' | 'kontaktperson' | 'login-sendt' | 'logget-ind' | 'kladde' | 'indsendt' | 'genaabnet';

/** The statuses in the order the round moves through them, with their Danish labels. */
export const BOARD_STATUSES: ReadonlyArray<{ readonly status: BoardStatus; readonly label: string }> = Object.freeze([
  { status: 'ingen-kontakt', label: 'Ingen kontaktperson' },
  { status: 'kontaktperson', label: 'Kontakt, intet login sendt' },
  { status: 'login-sendt', label: 'Login sendt' },
  { status: 'logget-ind', label: 'Logget ind' },
  { status: 'kladde', label: 'Kladde' },
  { status: 'indsendt', label: 'Indsendt' },
  { status: 'genaabnet', label: 'Genåbnet' },
]);

/**
 * The Danish label of a status.
 * @param status the status
 * @returns e.g. "Login sendt"
 */
export function boardStatusLabel(status: BoardStatus): string {
  return BOARD_STATUSES.find((s) => s.status === status)?.label ?? status;
}

/**
 * Whether a text names a status.
 * @param v anything
 * @returns true for a BoardStatus
 */
export function isBoardStatus(v: unknown): v is BoardStatus {
  return BOARD_STATUSES.some((s) => s.status === v);
}
