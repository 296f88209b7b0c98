import { formatNumber, MISSING } from './format-number.ts';

/**
 * Formats a change with its sign (`+2,1`, `−0,4`, `0,0`), for percentage points or counts.
 * @param value the change, or null when one side is missing
 * @param decimals fixed number of decimals
 * @returns the text
 */
export function formatPoints(value: unknown, decimals = 1): string {
  const n = formatNumber(typeof value === 'number' ? Math.abs(value) : value, decimals);
  if (n === MISSING || typeof value !== 'number') return MISSING;
  // Compare the rounded text, so -0.04 printed with one decimal reads 0,0 and not −0,0.
  if (/^[0.,]+$/.test(n)) return n;
  return `${value < 0 ? '\u2212' : '+'}${n}`;
}
