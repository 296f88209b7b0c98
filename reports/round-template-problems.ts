import type { Round } from '../engine/index.ts';
import { checkTemplates } from './check-templates.ts';
import type { TemplateProblem } from './create-template-set.ts';
import { loadRoundTemplates } from './load-round-templates.ts';
import { reportOf } from './report-of.ts';
import { templateShapes } from './spec-shapes.ts';

/**
 * A round's templates checked against its report spec without rendering: syntax, every field path
 * against the context its document declares, helpers, partials, and every document's template
 * present. What `report check` reports, and what the round editor shows before a save.
 * @param schemasDir the folder of file rounds (templates of a file round and shared partials)
 * @param round the compiled round (a draft's own `templates/*.hbs` files are in its files)
 * @returns the problems, with file and line; empty when the round has no report spec
 */
export async function roundTemplateProblems(schemasDir: string, round: Round): Promise<{ problems: TemplateProblem[]; count: number }> {
  const { report } = reportOf(round);
  if (!report) return { problems: [], count: 0 };
  const templates = await loadRoundTemplates(schemasDir, round);
  const shapes = templateShapes(report);
  // A syntax error is found by both the compile and the check: report it once.
  const seen = new Set<string>();
  const problems = [...templates.problems, ...checkTemplates(templates.sources, report.schema, (name) => shapes.get(name)?.shape)].filter((p) => {
    const key = `${p.file}\u0000${p.line}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  // By the sources, not the compiled set: one broken template must not make every document's look missing.
  const names = new Set(templates.sources.filter((s) => !s.partial).map((s) => s.name));
  for (const [name, doc] of Object.entries(report.spec.documents ?? {})) {
    const template = doc.template ?? doc.kind;
    if (!names.has(template)) problems.push({ file: `${round.id}/reports.json`, line: 1, message: `/documents/${name}/template: skabelonen "${template}" findes ikke` });
  }
  return { problems, count: templates.sources.length };
}
