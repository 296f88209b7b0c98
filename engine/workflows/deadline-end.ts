/**
 * The first instant after an inclusive deadline date in a time zone: "31 May 2024 in
 * Europe/Copenhagen" ends at 2024-05-31T22:00:00Z (summer time).
 * @param date ISO date `YYYY-MM-DD`
 * @param timeZone IANA zone, e.g. `Europe/Copenhagen`
 * @returns the instant the next day starts there
 */
export function deadlineEnd(date: string, timeZone: string): Date {
  const key = `${date} ${timeZone}`;
  let t = ends.get(key);
  if (t === undefined) {
    t = computeEnd(date, timeZone);
    // Few distinct deadlines exist; the bound only guards against unbounded input.
    if (ends.size > 1000) ends.clear();
    ends.set(key, t);
  }
  return new Date(t);
}

const ends = new Map<string, number>();

function computeEnd(date: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  const nextMidnightUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  // Local midnight = UTC midnight minus the zone's offset at that instant; one correction step
  // settles the case where the first guess lands on the other side of a DST change.
  let t = nextMidnightUtc - offsetMs(nextMidnightUtc, timeZone);
  t = nextMidnightUtc - offsetMs(t, timeZone);
  return t;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function offsetMs(instant: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * Whether `now` is past an inclusive deadline date in a time zone.
 * @param now the current instant
 * @param date ISO date
 * @param timeZone IANA zone
 * @returns true from the first instant of the following day
 */
export function isPastDeadline(now: Date, date: string, timeZone: string): boolean {
  return now.getTime() >= deadlineEnd(date, timeZone).getTime();
}
