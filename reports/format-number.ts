const cache = new Map<number, Intl.NumberFormat>();

/** Shown where a figure does not exist (no reports, an empty group). */
export const MISSING = '–';

/**
 * Formats a number the Danish way (`12.345,6`).
 * @param value the number, or null/undefined for a missing figure
 * @param decimals fixed number of decimals
 * @returns the text, or an en dash for a missing figure
 */
export function formatNumber(value: unknown, decimals = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return MISSING;
  let f = cache.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    cache.set(decimals, f);
  }
  return f.format(value);
}
