import { formatNumber, MISSING } from './format-number.ts';

/**
 * Formats a share given in per cent the Danish way (`47,3 %`, with a no-break space).
 * @param value per cent (0–100), or null for a missing figure
 * @param decimals fixed number of decimals
 * @returns the text
 */
export function formatPercent(value: unknown, decimals = 1): string {
  const n = formatNumber(value, decimals);
  return n === MISSING ? n : `${n}\u00a0%`;
}
