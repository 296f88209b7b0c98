/** One difference between two rounds' round.json. */
export interface SettingChange {
  readonly kind: 'added' | 'removed' | 'changed';
  /** Where in round.json: the new round's pointer, the previous round's for `removed`. */
  readonly pointer: string;
  readonly from?: unknown;
  readonly to?: unknown;
  /** The form added or removed, when the change is a whole form. */
  readonly form?: string;
  /** The table added or removed, when the change is a whole table. */
  readonly table?: string;
  /** Breaking: a form or a table is gone, so its answers, or what reads it, are lost. */
  readonly breaking: boolean;
  /** Danish description for people. */
  readonly message: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const LONG = 80;
const CONTEXT = 25;

/** A value for a message: JSON, cut short so a long description does not fill the terminal. */
function show(v: unknown): string {
  const text = JSON.stringify(v) ?? 'ingen';
  return text.length > LONG ? `${text.slice(0, LONG - 1)}…` : text;
}

/**
 * Old and new value for a message. Two long texts are cut to where they differ, with some context,
 * so a changed year at the end of a long title is what the reader sees.
 */
function showChange(a: unknown, b: unknown): string {
  const from = JSON.stringify(a) ?? 'ingen';
  const to = JSON.stringify(b) ?? 'ingen';
  if (typeof a !== 'string' || typeof b !== 'string' || (from.length <= LONG && to.length <= LONG)) return `fra ${show(a)} til ${show(b)}`;
  let head = 0;
  while (head < from.length && head < to.length && from[head] === to[head]) head++;
  let tail = 0;
  while (tail < from.length - head && tail < to.length - head && from[from.length - 1 - tail] === to[to.length - 1 - tail]) tail++;
  const start = Math.max(0, head - CONTEXT);
  const cut = (t: string): string => {
    const end = Math.min(t.length, t.length - tail + CONTEXT);
    let middle = t.slice(start, end);
    if (middle.length > LONG) middle = `${middle.slice(0, LONG - 1)}…`;
    else if (end < t.length) middle += '…';
    return `${start > 0 ? '…' : ''}${middle}`;
  };
  return `fra ${cut(from)} til ${cut(to)}`;
}

/** The `name` of every element when all are objects with distinct string names (the forms list). */
function names(list: readonly unknown[]): string[] | undefined {
  const out = list.map((v) => (isObj(v) && typeof v.name === 'string' ? v.name : undefined));
  return out.every((n): n is string => n !== undefined) && new Set(out).size === out.length ? out : undefined;
}

/**
 * Compares two rounds' settings (round.json) key by key: dates, tables, respondents, the forms
 * list and any other key, each change by JSON Pointer with the old and the new value. The forms
 * are matched by name, so a removed or reordered form is not read as every later form changed.
 * @param previous the previous round's round.json
 * @param next the new round's round.json
 * @returns the changes; a removed form or table is breaking, everything else is not
 */
export function diffRoundSettings(previous: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>): SettingChange[] {
  const out: SettingChange[] = [];
  /** The whole form or table a pointer names, if it names one. */
  const whole = (pointer: string, value: unknown): { form?: string; table?: string } => {
    const table = /^\/tables\/([^/]+)$/.exec(pointer)?.[1];
    if (table !== undefined) return { table: table.replace(/~1/g, '/').replace(/~0/g, '~') };
    if (/^\/forms\/[0-9]+$/.test(pointer)) return { form: isObj(value) && typeof value.name === 'string' ? value.name : pointer.slice('/forms/'.length) };
    return {};
  };
  const added = (pointer: string, to: unknown): void => {
    const subject = whole(pointer, to);
    const message = subject.form !== undefined ? `formularen "${subject.form}" er tilføjet` : subject.table !== undefined ? `tabellen "${subject.table}" er tilføjet` : `tilføjet: ${show(to)}`;
    out.push({ kind: 'added', pointer, to, ...subject, breaking: false, message });
  };
  const removed = (pointer: string, from: unknown): void => {
    const subject = whole(pointer, from);
    // Removing every table at once is removing each of them.
    const tables = pointer === '/tables' && isObj(from) && Object.keys(from).length > 0;
    const breaking = subject.form !== undefined || subject.table !== undefined || tables;
    const message =
      subject.form !== undefined
        ? `formularen "${subject.form}" er fjernet; svarene i den følger ikke med`
        : subject.table !== undefined
          ? `tabellen "${subject.table}" er fjernet`
          : tables
            ? `alle tabeller er fjernet: ${Object.keys(from).join(', ')}`
            : `fjernet (var ${show(from)})`;
    out.push({ kind: 'removed', pointer, from, ...subject, breaking, message });
  };
  const compare = (a: unknown, b: unknown, pointer: string): void => {
    if (same(a, b)) return;
    if (isObj(a) && isObj(b)) {
      for (const k of Object.keys(a)) {
        if (k in b) compare(a[k], b[k], `${pointer}/${esc(k)}`);
        else removed(`${pointer}/${esc(k)}`, a[k]);
      }
      for (const k of Object.keys(b)) if (!(k in a)) added(`${pointer}/${esc(k)}`, b[k]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const na = names(a);
      const nb = names(b);
      if (na && nb) {
        na.forEach((name, i) => {
          const j = nb.indexOf(name);
          if (j === -1) removed(`${pointer}/${i}`, a[i]);
          else compare(a[i], b[j], `${pointer}/${j}`);
        });
        nb.forEach((name, j) => {
          if (!na.includes(name)) added(`${pointer}/${j}`, b[j]);
        });
        const kept = (list: string[], other: string[]): string[] => list.filter((n) => other.includes(n));
        const before = kept(na, nb);
        const after = kept(nb, na);
        if (!same(before, after)) {
          out.push({ kind: 'changed', pointer, from: before, to: after, breaking: false, message: `rækkefølgen er ændret fra ${before.join(', ')} til ${after.join(', ')}` });
        }
        return;
      }
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= b.length) removed(`${pointer}/${i}`, a[i]);
        else if (i >= a.length) added(`${pointer}/${i}`, b[i]);
        else compare(a[i], b[i], `${pointer}/${i}`);
      }
      return;
    }
    out.push({ kind: 'changed', pointer, from: a, to: b, breaking: false, message: `ændret ${showChange(a, b)}` });
  };
  compare(previous, next, '');
  return out;
}
