import { createTemplateSet, type TemplateProblem, type TemplateSet } from './create-template-set.ts';
import { readTemplateFiles, templateDirs, type TemplateSource } from './read-template-files.ts';
import type { ReportRound } from './report-round.ts';
import { roundFacts } from './round-facts.ts';

const ROUND_TEMPLATE = /^templates\/([^/]+)\.hbs$/;

/**
 * Reads and compiles a round's templates: the shared ones overridden or added to by the round's
 * own templates. Those are its `templates/*.hbs` round files when the round carries its files (a
 * round published in the admin pages has no folder under `schemas/`), else the folder
 * `schemas/<round>/templates/`; partials come from that folder.
 * @param schemasDir e.g. `schemas`
 * @param round the round, with its files when it has them
 * @returns the compiled set and the sources (for the check), or the problems
 */
export async function loadRoundTemplates(
  schemasDir: string,
  round: ReportRound & { readonly files?: Readonly<Record<string, string>> },
): Promise<{ set?: TemplateSet; sources: readonly TemplateSource[]; problems: readonly TemplateProblem[] }> {
  const byKey = new Map((await readTemplateFiles(templateDirs(schemasDir, round.id))).map((s) => [`${s.partial}:${s.name}`, s]));
  for (const [file, source] of Object.entries(round.files ?? {})) {
    const name = ROUND_TEMPLATE.exec(file)?.[1];
    // A file round's own template was read from its folder just above, under its real path.
    if (name !== undefined && byKey.get(`false:${name}`)?.source !== source) byKey.set(`false:${name}`, { name, file: `${round.id}/${file}`, source, partial: false });
  }
  const sources = [...byKey.values()];
  const built = createTemplateSet(sources, roundFacts(round, '').tidszone);
  return { ...(built.set ? { set: built.set } : {}), sources, problems: built.problems };
}
