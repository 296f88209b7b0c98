import { createTemplateSet, type TemplateProblem, type TemplateSet } from './create-template-set.ts';
import { readTemplateFiles, templateDirs, type TemplateSource } from './read-template-files.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';

/**
 * Reads and compiles a round's templates: the shared ones overridden or added to by the round's
 * own `schemas/<round>/templates/`.
 * @param schemasDir e.g. `schemas`
 * @param round the round
 * @returns the compiled set and the sources (for the check), or the problems
 */
export async function loadRoundTemplates(
  schemasDir: string,
  round: ReportRound,
): Promise<{ set?: TemplateSet; sources: readonly TemplateSource[]; problems: readonly TemplateProblem[] }> {
  const sources = await readTemplateFiles(templateDirs(schemasDir, round.id));
  const built = createTemplateSet(sources, roundFacts(round, 'maaltal').tidszone);
  return { ...(built.set ? { set: built.set } : {}), sources, problems: built.problems };
}
