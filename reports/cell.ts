/** A cell of a dataset row: text, number, yes/no, or empty. */
export type Cell = string | number | boolean | null;

/**
 * A value as a cell: finite numbers, text and booleans pass; anything else is empty.
 * @param v any value read from an answer or computed
 * @returns the cell
 */
export const asCell = (v: unknown): Cell =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : null;
