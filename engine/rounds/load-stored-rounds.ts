import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import type { Registry } from '../registry.ts';
import { checkRound } from './check-round.ts';
import { storedFiles } from './read-round-sources.ts';
import { roundsFail, type RoundsFailure } from './rounds-failure.ts';

/**
 * Puts every published stored round into the registry beside the rounds of `schemas/`; called at
 * start-up, so each instance serves the rounds any instance published. A published round whose
 * files no longer hash to the stored hash, or that clashes with a different file round of the same
 * id, stops the start (ROUND_INVALID / ROUND_EXISTS) rather than serving the wrong forms.
 * @param deps the database and the registry
 * @returns the ids loaded, or the failure
 */
export async function loadStoredRounds(deps: { readonly db: Kysely<Database>; readonly registry: Registry }): Promise<{ ok: true; loaded: string[] } | RoundsFailure> {
  const rows = await deps.db.selectFrom('stored_rounds').select(['id', 'hash']).where('status', '=', 'published').orderBy('id').execute();
  const loaded: string[] = [];
  for (const row of rows) {
    const existing = deps.registry.round(row.id);
    if (existing) {
      if (existing.hash === row.hash) continue;
      return roundsFail('ROUND_EXISTS', { roundId: row.id });
    }
    const checked = checkRound(row.id, await storedFiles(deps.db, row.id));
    if (!checked.round || checked.round.hash !== row.hash) return roundsFail('ROUND_INVALID', { roundId: row.id, count: checked.issues.length }, checked.issues);
    deps.registry.put(checked.round);
    loaded.push(row.id);
  }
  return { ok: true, loaded };
}
