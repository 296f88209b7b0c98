import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';

/**
 * Inserts the municipalities of a round's `kommuner` table that are not yet stored, each with one
 * reporting unit named after it. Existing rows are left alone, so running it again is harmless.
 * @param deps database, registry, clock
 * @param roundId the round whose table to read
 * @returns how many organisations were added
 */
export async function seedOrganisations(deps: WorkflowDeps, roundId: string): Promise<{ ok: true; added: number } | Failure> {
  const round = deps.registry.round(roundId);
  const kommuner = round?.tables.kommuner;
  if (!round || !kommuner) return fail('NOT_FOUND', { what: `kommuner i runde ${roundId}` });
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const existing = new Set(
      (await trx.selectFrom('organisations').select('kommunekode').execute()).map((r) => r.kommunekode),
    );
    let added = 0;
    for (const [kode, row] of Object.entries(kommuner)) {
      if (existing.has(kode)) continue;
      const id = newId();
      await trx
        .insertInto('organisations')
        .values({
          id,
          kommunekode: kode,
          navn: row.navn ?? kode,
          regionskode: row.regionskode ?? '',
          regionsnavn: row.regionsnavn ?? '',
          delt_ledelse: row.delt_administrativ_ledelse === 'ja' ? 1 : 0,
          created_at: at,
        })
        .execute();
      await trx.insertInto('units').values({ id: newId(), organisation_id: id, navn: `${row.navn ?? kode} Kommune`, created_at: at }).execute();
      added += 1;
    }
    if (added > 0) {
      await appendAudit(trx, { at, actorId: null, action: 'organisations.seeded', entity: 'round', entityId: roundId, data: { added } });
    }
    return { ok: true as const, added };
  });
}
