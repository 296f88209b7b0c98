/**
 * Clock time as "10:42" in the round's time zone.
 * @param iso an ISO-8601 instant
 * @param timeZone e.g. Europe/Copenhagen
 * @returns hours and minutes
 */
export function formatClock(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('da-DK', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/**
 * Date and time as "31. maj 2024 kl. 10:42" in the round's time zone.
 * @param iso an ISO-8601 instant
 * @param timeZone e.g. Europe/Copenhagen
 * @returns the Danish text
 */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
  return `${date} kl. ${formatClock(iso, timeZone)}`;
}

/**
 * A calendar date (YYYY-MM-DD) as "31. maj 2024".
 * @param date the ISO date
 * @returns the Danish text
 */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
