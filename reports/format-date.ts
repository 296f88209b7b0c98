import { MISSING } from './format-number.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    cache.set(key, f);
  }
  return f;
}

/**
 * Formats an ISO date (`2024-05-31`) or timestamp the Danish way (`31. maj 2024`, with `kl. 14.00`
 * for a timestamp when asked).
 * @param value ISO date or date-time text
 * @param timeZone the round's time zone, for timestamps
 * @param withTime whether to add the time of day
 * @returns the text, or an en dash for a missing or unreadable value
 */
export function formatDate(value: unknown, timeZone: string, withTime = false): string {
  if (typeof value !== 'string') return MISSING;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  // A bare date is a calendar day, not an instant: read it at noon UTC so no zone moves its day.
  const d = new Date(dateOnly ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return MISSING;
  return formatter(dateOnly ? 'UTC' : timeZone, withTime && !dateOnly).format(d);
}
