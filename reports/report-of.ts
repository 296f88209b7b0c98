import type { Round } from '../engine/index.ts';
import { compileReport, readReportSpec, type CompiledReport, type SpecProblem } from './compile-report.ts';

const cache = new WeakMap<Round, { report?: CompiledReport; problems: readonly SpecProblem[] }>();

/**
 * A round's report spec, compiled once per loaded round (a round object is frozen, so a changed
 * round is a new object and compiles anew).
 * @param round a compiled round with its files
 * @returns the compiled report, or the problems (a round without `reports.json` says so)
 */
export function reportOf(round: Round): { report?: CompiledReport; problems: readonly SpecProblem[] } {
  let hit = cache.get(round);
  if (!hit) {
    const read = readReportSpec(round);
    if (!read) hit = { problems: [{ file: `${round.id}/reports.json`, pointer: '', message: 'runden har ingen rapportspecifikation (reports.json)' }] };
    else if ('problems' in read) hit = { problems: read.problems };
    else {
      const compiled = compileReport(round, read.spec, round.forms.get(read.spec.form)?.schema);
      hit = compiled.report ? { report: compiled.report, problems: [] } : { problems: compiled.problems };
    }
    cache.set(round, hit);
  }
  return hit;
}
