import { respondentsOf } from '../respondents-of.ts';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/**
 * Inserts the respondents of a round's population (`round.json` → `respondents`) that are not yet
 * stored, each with one reporting unit named after it, and records every one of them as a
 * respondent of the round. Existing rows are left alone, so running it again is harmless; an
 * organisation already stored for another round joins this one under the same code.
 * @param deps database, registry, clock
 * @param roundId the round whose population to read
 * @returns how many organisations were added
 */
export async function seedOrganisations(deps: WorkflowDeps, roundId: string): Promise<{ ok: true; added: number } | Failure> {
  const round = deps.registry.round(roundId);
  if (!round) return fail('NOT_FOUND', { what: `runde ${roundId}` });
  const population = respondentsOf(round);
  if ('error' in population) return fail('NOT_FOUND', { what: `respondenterne i runde ${roundId}` });
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const existing = new Map((await trx.selectFrom('organisations').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    const members = new Set(
      (await trx.selectFrom('round_respondents').select('organisation_id').where('round_id', '=', roundId).execute()).map((r) => r.organisation_id),
    );
    let added = 0;
    let joined = 0;
    for (const respondent of population.list) {
      let id = existing.get(respondent.key);
      if (id === undefined) {
        id = newId();
        await trx.insertInto('organisations').values({ id, code: respondent.key, navn: respondent.name, created_at: at }).execute();
        await trx.insertInto('units').values({ id: newId(), organisation_id: id, navn: population.unitName(respondent), created_at: at }).execute();
        added += 1;
      }
      if (!members.has(id)) {
        await trx.insertInto('round_respondents').values({ round_id: roundId, organisation_id: id, added_at: at }).execute();
        joined += 1;
      }
    }
    if (added > 0 || joined > 0) {
      await appendAudit(trx, { at, actorId: null, action: 'organisations.seeded', entity: 'round', entityId: roundId, data: { added, joined } });
    }
    return { ok: true as const, added };
  });
}
