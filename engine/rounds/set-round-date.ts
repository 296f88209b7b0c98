import { isObj, jsonText, parseFile, refuse } from './edit-helpers.ts';
import type { AppliedEdit, RefusedEdit, SetDateEdit } from './round-edit.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a `YYYY-MM-DD` text is a date of the calendar (no 31 April). */
function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Moves one of round.json's named dates (`datoer`), e.g. a form's deadline. Only a date the round
 * already declares can be moved: a new name would be read by nothing.
 * @param sources the round's files
 * @param edit the date's name and its new value
 * @returns round.json changed, or why not
 */
export function setRoundDate(sources: Readonly<Record<string, string>>, edit: SetDateEdit): AppliedEdit | RefusedEdit {
  if (!isCalendarDate(edit.date)) return refuse(`"${edit.date}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return round;
  const dates = round.value.datoer;
  if (!isObj(dates) || typeof dates[edit.name] !== 'string') return refuse(`round.json har ingen dato "${edit.name}"`);
  const before = dates[edit.name] as string;
  if (before === edit.date) return refuse(`${edit.name} er allerede ${edit.date}`);
  dates[edit.name] = edit.date;
  return { ok: true, files: { 'round.json': jsonText(round.value) }, summary: [`Datoen ${edit.name} er flyttet fra ${before} til ${edit.date}.`] };
}
