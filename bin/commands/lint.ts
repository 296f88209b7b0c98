import { stat } from 'node:fs/promises';
import path from 'node:path';
import { compileRound, createAjv, formatLintIssue, lintRound, readRoundFiles } from '../../engine/node.ts';
import { reportSpecIssues } from '../../reports/index.ts';

/** `indberet lint <round folder>...`: 0 when every round is sound, 1 with problems, 2 on usage errors. */
export async function run(args: string[]): Promise<number> {
  if (args.length === 0 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write('Brug: indberet lint <rundemappe> [...], fx indberet lint schemas/2024\n');
    return 2;
  }
  let problems = 0;
  for (const dir of args) {
    if (!(await stat(dir).then((s) => s.isDirectory()).catch(() => false))) {
      process.stderr.write(`${dir}: mappen findes ikke\n`);
      return 2;
    }
    const { files, issues } = await readRoundFiles(dir);
    const linted = files ? lintRound(files) : issues;
    // The report spec is checked once the forms are sound, against the forms it reads.
    const all = files && linted.length === 0 ? reportSpecIssues(compileRound(files, createAjv())).map((i) => ({ ...i, file: path.join(dir, i.file) })) : linted;
    for (const issue of all) process.stdout.write(`${formatLintIssue({ ...issue, file: path.relative(process.cwd(), issue.file) })}\n`);
    problems += all.length;
    if (all.length === 0) process.stdout.write(`${dir}: ingen fejl\n`);
  }
  return problems === 0 ? 0 : 1;
}
