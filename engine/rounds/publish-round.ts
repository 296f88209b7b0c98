import { respondentsOf } from '../respondents-of.ts';
import { seedOrganisations } from '../workflows/seed-organisations.ts';
import type { Round } from '../compile-round.ts';
import { appendAudit } from '../workflows/index.ts';
import { checkRound } from './check-round.ts';
import { contractHash } from './contract-hash.ts';
import { storedFiles } from './read-round-sources.ts';
import type { RoundsDeps } from './rounds-deps.ts';
import { roundsFail, type RoundsFailure } from './rounds-failure.ts';
import { validatorsModule } from './validators-module.ts';

/** A published round, now served. */
export interface PublishedRound {
  readonly ok: true;
  readonly round: Round;
  readonly hash: string;
}

/**
 * Publishes a stored draft: lints and compiles its files, stores the content hash and the
 * browser's validators, records the round (so answers may be saved to it), freezes it, and puts
 * it into the registry. From then on every edit is refused with ROUND_PUBLISHED; a correction is
 * a new version (copy `2025` to `2025-2`), which may be published only while the round it
 * corrects has no saved answer (ROUND_CORRECTION_TOO_LATE).
 * @param deps database, registry, clock
 * @param input the round, the version the admin saw, who publishes
 * @returns the round and its hash, or a failure (ROUND_INVALID carries the lint issues)
 */
export async function publishRound(
  deps: RoundsDeps,
  input: { readonly roundId: string; readonly ifVersion: number; readonly actorId: string },
): Promise<PublishedRound | RoundsFailure> {
  const row = await deps.db.selectFrom('stored_rounds').selectAll().where('id', '=', input.roundId).executeTakeFirst();
  if (!row) return roundsFail('ROUND_NOT_STORED', { roundId: input.roundId });
  if (row.status === 'published') return roundsFail('ROUND_PUBLISHED', { roundId: input.roundId });
  if (row.version !== input.ifVersion) return roundsFail('ROUND_EDIT_CONFLICT', { roundId: input.roundId, expected: input.ifVersion, current: row.version });
  const sources = await storedFiles(deps.db, input.roundId);
  const checked = checkRound(input.roundId, sources);
  if (!checked.round) return roundsFail('ROUND_INVALID', { roundId: input.roundId, count: checked.issues.length }, checked.issues);
  const further = deps.checkCompiled?.(checked.round) ?? [];
  if (further.length > 0) return roundsFail('ROUND_INVALID', { roundId: input.roundId, count: further.length }, further);
  if (deps.registry.round(input.roundId)) return roundsFail('ROUND_EXISTS', { roundId: input.roundId });
  const round = checked.round;
  const corrected = correctedRound(row.based_on, input.roundId);
  if (corrected) {
    const saved = await deps.db.selectFrom('submissions').select('id').where('round_id', '=', corrected).limit(1).executeTakeFirst();
    if (saved) return roundsFail('ROUND_CORRECTION_TOO_LATE', { roundId: input.roundId, corrected });
  }
  const validators = await validatorsModule(round);
  const at = deps.clock().toISOString();
  const contract = contractHash(round);
  const published = await deps.db.transaction().execute(async (trx) => {
    const frozen = await trx
      .updateTable('stored_rounds')
      .set({ status: 'published', published_at: at, published_by: input.actorId, hash: round.hash, validators, updated_at: at })
      .where('id', '=', input.roundId)
      .where('status', '=', 'draft')
      .where('version', '=', input.ifVersion)
      .executeTakeFirst();
    if (Number(frozen.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('rounds')
      .values({ id: round.id, title: round.title, hash: round.hash, settings: JSON.stringify(round.settings), loaded_at: at, opened_at: null, contract_hash: contract })
      .onConflict((oc) =>
        // A row left by a round without a submitted answer follows the new files; one with an answer keeps its contract.
        oc
          .column('id')
          .doUpdateSet({ title: round.title, hash: round.hash, settings: JSON.stringify(round.settings), loaded_at: at, contract_hash: contract })
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('submissions').select('submissions.id').whereRef('submissions.round_id', '=', 'rounds.id').where('submissions.submitted_at', 'is not', null))),
          ),
      )
      .execute();
    await trx
      .insertInto('round_versions')
      .values({ round_id: round.id, version: 1, hash: round.hash, contract_hash: contract, settings: JSON.stringify(round.settings), loaded_at: at })
      .onConflict((oc) => oc.columns(['round_id', 'version']).doNothing())
      .execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'round.published',
      entity: 'round',
      entityId: round.id,
      data: { hash: round.hash, version: input.ifVersion, ...(corrected ? { corrects: corrected } : {}) },
    });
    return true;
  });
  if (!published) return roundsFail('ROUND_EDIT_CONFLICT', { roundId: input.roundId, expected: input.ifVersion, current: input.ifVersion + 1 });
  deps.registry.put(round);
  // Its respondents may open its forms from now on (other instances share the store's rows).
  if (!('error' in respondentsOf(round))) {
    const seeded = await seedOrganisations(deps, round.id);
    // Unreachable: the round was just put and its population read.
    if (!seeded.ok) throw new Error(`seeding the respondents of ${round.id}: ${seeded.code}`);
  }
  return { ok: true, round, hash: round.hash };
}

/**
 * The round a stored round corrects: its source when both belong to the same year (`2025` →
 * `2025-2`); a copy from another year is next year's round, not a correction.
 * @param basedOn the source round
 * @param roundId the new round
 * @returns the corrected round's id, or undefined
 */
export function correctedRound(basedOn: string | null, roundId: string): string | undefined {
  return basedOn && basedOn !== roundId && basedOn.slice(0, 4) === roundId.slice(0, 4) ? basedOn : undefined;
}
