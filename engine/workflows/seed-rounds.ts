import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/** What seeding did per round id. */
export interface SeedRoundsResult {
  readonly ok: true;
  readonly inserted: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Records every round of the registry. A round not yet opened (no answer saved) follows its files;
 * an opened round is frozen: a changed content hash is refused with ROUND_FROZEN.
 * @param deps database, registry, clock
 * @returns the round ids by outcome, or ROUND_FROZEN naming the round
 */
export async function seedRounds(deps: WorkflowDeps): Promise<SeedRoundsResult | Failure> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const inserted: string[] = [];
    const updated: string[] = [];
    const unchanged: string[] = [];
    for (const round of deps.registry.rounds) {
      const row = await trx.selectFrom('rounds').select(['hash', 'opened_at']).where('id', '=', round.id).executeTakeFirst();
      const values = { title: round.title, hash: round.hash, settings: JSON.stringify(round.settings), loaded_at: at };
      if (!row) {
        await trx.insertInto('rounds').values({ id: round.id, ...values, opened_at: null }).execute();
        await appendAudit(trx, { at, actorId: null, action: 'round.loaded', entity: 'round', entityId: round.id, data: { hash: round.hash } });
        inserted.push(round.id);
      } else if (row.hash === round.hash) {
        unchanged.push(round.id);
      } else if (row.opened_at) {
        return fail('ROUND_FROZEN', { roundId: round.id });
      } else {
        await trx.updateTable('rounds').set(values).where('id', '=', round.id).execute();
        await appendAudit(trx, {
          at,
          actorId: null,
          action: 'round.reloaded',
          entity: 'round',
          entityId: round.id,
          data: { from: row.hash, to: round.hash },
        });
        updated.push(round.id);
      }
    }
    return { ok: true as const, inserted, updated, unchanged };
  });
}
