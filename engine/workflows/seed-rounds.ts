import type { Transaction } from 'kysely';
import type { Database } from '../db/index.ts';
import { contractHash } from '../rounds/contract-hash.ts';
import type { WorkflowDeps } from './deps.ts';
import type { Failure } from './failure.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/** What seeding did per round id. */
export interface SeedRoundsResult {
  readonly ok: true;
  readonly inserted: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /**
   * Rounds whose files changed what submitted answers were validated against: left as recorded
   * (their row untouched), for the caller to leave out of service and report. The others go on.
   */
  readonly frozen: readonly string[];
}

/**
 * Whether any answer to the round has been submitted: from then on its contract is frozen. Read
 * from the submissions themselves, so no write has to mark the round.
 * @param trx the transaction
 * @param roundId the round
 * @returns true once an answer was submitted
 */
export async function hasSubmittedAnswer(trx: Transaction<Database>, roundId: string): Promise<boolean> {
  const row = await trx.selectFrom('submissions').select('id').where('round_id', '=', roundId).where('submitted_at', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Records every round of the registry. A round follows its files; once an answer is submitted,
 * only changes that keep its contract (schema and rules, see contractHash) are taken, so texts, ui
 * hints, templates and the report spec stay correctable. Every change taken is a new version of
 * the round, kept in `round_versions` and in the audit log.
 * @param deps database, registry, clock
 * @returns the round ids by outcome, a round whose contract changed after a submitted answer among `frozen`
 */
export async function seedRounds(deps: WorkflowDeps): Promise<SeedRoundsResult | Failure> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const inserted: string[] = [];
    const updated: string[] = [];
    const unchanged: string[] = [];
    const frozen: string[] = [];
    for (const round of deps.registry.rounds) {
      const row = await trx.selectFrom('rounds').select(['hash', 'contract_hash', 'version']).where('id', '=', round.id).executeTakeFirst();
      const contract = contractHash(round);
      const settings = JSON.stringify(round.settings);
      const values = { title: round.title, hash: round.hash, settings, loaded_at: at, contract_hash: contract };
      if (!row) {
        await trx.insertInto('rounds').values({ id: round.id, ...values, opened_at: null, version: 1 }).execute();
        await trx.insertInto('round_versions').values({ round_id: round.id, version: 1, hash: round.hash, contract_hash: contract, settings, loaded_at: at }).execute();
        await appendAudit(trx, { at, actorId: null, action: 'round.loaded', entity: 'round', entityId: round.id, data: { hash: round.hash, contract, version: 1 } });
        inserted.push(round.id);
      } else if (row.hash === round.hash) {
        // A round recorded before contracts were hashed gets its contract and first version now.
        if (row.contract_hash === null) {
          await trx.updateTable('rounds').set({ contract_hash: contract }).where('id', '=', round.id).execute();
          await trx
            .insertInto('round_versions')
            .values({ round_id: round.id, version: row.version, hash: round.hash, contract_hash: contract, settings, loaded_at: at })
            .onConflict((oc) => oc.columns(['round_id', 'version']).doNothing())
            .execute();
        }
        unchanged.push(round.id);
      } else {
        if (row.contract_hash !== contract && (await hasSubmittedAnswer(trx, round.id))) {
          frozen.push(round.id);
          continue;
        }
        const version = row.version + 1;
        await trx.updateTable('rounds').set({ ...values, version }).where('id', '=', round.id).execute();
        await trx.insertInto('round_versions').values({ round_id: round.id, version, hash: round.hash, contract_hash: contract, settings, loaded_at: at }).execute();
        await appendAudit(trx, {
          at,
          actorId: null,
          action: 'round.reloaded',
          entity: 'round',
          entityId: round.id,
          data: { from: row.hash, to: round.hash, version, contractChanged: row.contract_hash !== contract },
        });
        updated.push(round.id);
      }
    }
    return { ok: true as const, inserted, updated, unchanged, frozen };
  });
}
