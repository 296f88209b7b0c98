import { respondentsOf, type Respondent } from '../respondents-of.ts';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

// Respondent-table values read as "yes" for the organisations' split-management flag.
const YES = new Set(['ja', 'yes', 'true', '1']);

/**
 * Inserts the respondents of a round's population (`round.json` → `respondents`) that are not yet
 * stored, each with one reporting unit named after it. Existing rows are left alone, so running it
 * again is harmless.
 * @param deps database, registry, clock
 * @param roundId the round whose population to read
 * @returns how many organisations were added
 */
export async function seedOrganisations(deps: WorkflowDeps, roundId: string): Promise<{ ok: true; added: number } | Failure> {
  const round = deps.registry.round(roundId);
  if (!round) return fail('NOT_FOUND', { what: `runde ${roundId}` });
  const population = respondentsOf(round);
  if ('error' in population) return fail('NOT_FOUND', { what: `respondenterne i runde ${roundId}` });
  // The municipalities' registered names are "<name> Kommune" while their table holds the bare
  // name, so 2024's units keep the suffix; other populations' name columns already hold the full
  // name ("Skolen ved Søen"), and a word appended to it would be wrong.
  const unitSuffix = population.words.one.toLowerCase() === 'kommune' ? ' Kommune' : '';
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const existing = new Set(
      (await trx.selectFrom('organisations').select('kommunekode').execute()).map((r) => r.kommunekode),
    );
    let added = 0;
    for (const respondent of population.list) {
      if (existing.has(respondent.key)) continue;
      const id = newId();
      await trx
        .insertInto('organisations')
        .values({ id, ...organisationColumns(respondent), created_at: at })
        .execute();
      await trx.insertInto('units').values({ id: newId(), organisation_id: id, navn: `${respondent.name}${unitSuffix}`, created_at: at }).execute();
      added += 1;
    }
    if (added > 0) {
      await appendAudit(trx, { at, actorId: null, action: 'organisations.seeded', entity: 'round', entityId: roundId, data: { added } });
    }
    return { ok: true as const, added };
  });
}

/**
 * The organisations row for a respondent. The table still has the first round's columns (landed
 * migrations are frozen): the respondent's key goes in `kommunekode`, and region and split
 * management are filled only from respondent attributes of those names, else left empty.
 * @param r the respondent
 * @returns the columns besides id and created_at
 */
function organisationColumns(r: Respondent): { kommunekode: string; navn: string; regionskode: string; regionsnavn: string; delt_ledelse: number } {
  const a = r.attributes;
  // 2024's table calls the flag delt_administrativ_ledelse; the column's own name is taken too.
  const split = a.delt_ledelse ?? a.delt_administrativ_ledelse ?? '';
  return {
    kommunekode: r.key,
    navn: r.name,
    regionskode: a.regionskode ?? '',
    regionsnavn: a.regionsnavn ?? '',
    delt_ledelse: YES.has(split.trim().toLowerCase()) ? 1 : 0,
  };
}
