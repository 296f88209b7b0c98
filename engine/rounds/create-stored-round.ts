import { appendAudit } from '../workflows/index.ts';
import { ROUND_ID, copyRoundSources } from './copy-round-sources.ts';
import { readRoundSources } from './read-round-sources.ts';
import type { RoundsDeps } from './rounds-deps.ts';
import { roundsFail, type RoundsFailure } from './rounds-failure.ts';
import { isFileName } from './round-file-name.ts';

/** A new stored round: its id, its files and what it was made from. */
export interface CreateStoredRoundInput {
  readonly id: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly basedOn: string | null;
  readonly actorId: string;
  /** The audit action, e.g. `round.copied` or `round.uploaded`. */
  readonly action: string;
}

/**
 * Stores a new round as a draft. Refused with ROUND_EXISTS when a round of that id is served or
 * stored already; the files need not be sound yet (a draft is where they are fixed).
 * @param deps database, registry, clock
 * @param input the round
 * @returns the id and version 1, or a failure
 */
export async function createStoredRound(deps: RoundsDeps, input: CreateStoredRoundInput): Promise<{ ok: true; id: string; version: number } | RoundsFailure> {
  if (!ROUND_ID.test(input.id)) return roundsFail('ROUND_FILE_NAME', { name: input.id });
  for (const name of Object.keys(input.sources)) if (!isFileName(name)) return roundsFail('ROUND_FILE_NAME', { name });
  if (deps.registry.round(input.id)) return roundsFail('ROUND_EXISTS', { roundId: input.id });
  const at = deps.clock().toISOString();
  const r = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('stored_rounds')
      .values({
        id: input.id,
        based_on: input.basedOn,
        status: 'draft',
        version: 1,
        created_at: at,
        created_by: input.actorId,
        updated_at: at,
        updated_by: input.actorId,
        published_at: null,
        published_by: null,
        hash: null,
        validators: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return { exists: true as const };
    const files = Object.entries(input.sources).map(([name, content]) => ({ round_id: input.id, name, content, updated_at: at, updated_by: input.actorId }));
    if (files.length > 0) await trx.insertInto('stored_round_files').values(files).execute();
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: input.action,
      entity: 'round',
      entityId: input.id,
      data: { basedOn: input.basedOn, files: Object.keys(input.sources).sort() },
    });
    return { exists: false as const };
  });
  if (r.exists) return roundsFail('ROUND_EXISTS', { roundId: input.id });
  return { ok: true, id: input.id, version: 1 };
}

/**
 * Copies a round (from `schemas/` or the database) into a new stored draft, with ids, years and
 * dates moved on as `indberet round copy` does on disk.
 * @param deps database, registry, clock, schemas folder
 * @param input the source, the new id and who copies
 * @returns the new round's id and version, or a failure
 * @example
 * await copyStoredRound(deps, { fromId: '2024', toId: '2025', actorId: admin.id });
 */
export async function copyStoredRound(
  deps: RoundsDeps,
  input: { readonly fromId: string; readonly toId: string; readonly actorId: string },
): Promise<{ ok: true; id: string; version: number } | RoundsFailure> {
  if (!ROUND_ID.test(input.toId)) return roundsFail('ROUND_FILE_NAME', { name: input.toId });
  const from = await readRoundSources(deps, input.fromId);
  if (!from) return roundsFail('ROUND_NOT_FOUND', { roundId: input.fromId });
  let sources: Record<string, string>;
  try {
    sources = copyRoundSources(from.sources, input.fromId, input.toId);
  } catch {
    // The source's round.json or a schema is not JSON (a draft being edited): nothing to move on.
    return roundsFail('ROUND_INVALID', { roundId: input.fromId });
  }
  return createStoredRound(deps, { id: input.toId, sources, basedOn: input.fromId, actorId: input.actorId, action: 'round.copied' });
}
