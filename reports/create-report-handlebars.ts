import Handlebars from 'handlebars';
import { HELPER_SPECS, reportHelpers } from './report-helpers.ts';

/** An isolated Handlebars environment with only the report helpers registered. */
export type ReportHandlebars = ReturnType<typeof Handlebars.create>;

/** Options every report template is compiled with. */
export const COMPILE_OPTIONS = Object.freeze({
  // A missing field is an error, not an empty string: a renamed field must not silently print nothing.
  strict: true,
  // Only registered helpers: an unknown one fails at compile time instead of being read as a field.
  knownHelpers: Object.fromEntries(Object.keys(HELPER_SPECS).map((k) => [k, true])),
  knownHelpersOnly: true,
  preventIndent: true,
});

/**
 * Creates the Handlebars environment for one round's reports.
 * @param timeZone the round's time zone, for timestamps
 * @returns the environment
 */
export function createReportHandlebars(timeZone: string): ReportHandlebars {
  const hbs = Handlebars.create();
  const helpers = reportHelpers({ escapeExpression: hbs.Utils.escapeExpression, SafeString: hbs.SafeString }, timeZone);
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn);
  return hbs;
}
