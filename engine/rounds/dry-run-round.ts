import type { Kysely } from 'kysely';
import type { Round } from '../compile-round.ts';
import type { Database } from '../db/index.ts';
import { dryRun, type DryRunReport } from '../dry-run.ts';
import { listSubmitted } from '../workflows/index.ts';

/** One form's dry run: last round's submitted answers validated against the new form. */
export interface FormDryRun {
  readonly name: string;
  readonly title: string;
  readonly report: DryRunReport;
}

/**
 * Validates the previous round's submitted answers, carried over through lineage, against each
 * form of the new round that existed before.
 * @param db the database holding last round's submissions
 * @param previous the previous round
 * @param next the new round
 * @returns per form: counts of valid and invalid answers and the grouped reasons
 */
export async function dryRunRound(db: Kysely<Database>, previous: Round, next: Round): Promise<FormDryRun[]> {
  const out: FormDryRun[] = [];
  for (const info of next.formList) {
    if (!previous.forms.has(info.name)) continue;
    const earlier = (await listSubmitted(db, previous.id, info.name)).map((r) => ({ label: r.code, answers: r.answers }));
    out.push({ name: info.name, title: info.title, report: dryRun(earlier, next.forms.get(info.name)!) });
  }
  return out;
}
