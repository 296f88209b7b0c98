import { appendAudit, sha256Hex } from '../workflows/index.ts';
import { isFileName } from './round-file-name.ts';
import type { RoundsDeps } from './rounds-deps.ts';
import { roundsFail, type RoundsFailure } from './rounds-failure.ts';

/** An edit of a stored draft: files to write (and, for an upload, to keep only these). */
export interface SaveRoundFilesInput {
  readonly roundId: string;
  /** name → new text. */
  readonly files: Readonly<Record<string, string>>;
  /** Replace the round's files with exactly these (an upload); otherwise only these are written. */
  readonly replace?: boolean;
  /** The version the editor loaded; a newer one means someone else saved in between. */
  readonly ifVersion: number;
  readonly actorId: string;
  /** What the structured editor did, in Danish, kept in the audit entry beside the files' hashes. */
  readonly summary?: readonly string[];
}

/**
 * Writes files of a stored draft. A published round is never changed: ROUND_PUBLISHED. A stale
 * version is refused with ROUND_EDIT_CONFLICT without writing; the version test sits in the
 * UPDATE's WHERE clause so of two concurrent editors exactly one wins.
 * @param deps database, clock
 * @param input the edit
 * @returns the round's new version, or a failure
 */
export async function saveRoundFiles(deps: RoundsDeps, input: SaveRoundFilesInput): Promise<{ ok: true; version: number } | RoundsFailure> {
  for (const name of Object.keys(input.files)) if (!isFileName(name)) return roundsFail('ROUND_FILE_NAME', { name });
  const at = deps.clock().toISOString();
  const r = await deps.db.transaction().execute(async (trx) => {
    const bumped = await trx
      .updateTable('stored_rounds')
      .set({ version: input.ifVersion + 1, updated_at: at, updated_by: input.actorId })
      .where('id', '=', input.roundId)
      .where('status', '=', 'draft')
      .where('version', '=', input.ifVersion)
      .returning('version')
      .executeTakeFirst();
    if (!bumped) {
      const row = await trx.selectFrom('stored_rounds').select(['status', 'version']).where('id', '=', input.roundId).executeTakeFirst();
      return { refused: !row ? 'missing' : row.status === 'published' ? 'published' : 'conflict', current: row?.version ?? 0 } as const;
    }
    if (input.replace) await trx.deleteFrom('stored_round_files').where('round_id', '=', input.roundId).execute();
    for (const [name, content] of Object.entries(input.files)) {
      await trx
        .insertInto('stored_round_files')
        .values({ round_id: input.roundId, name, content, updated_at: at, updated_by: input.actorId })
        .onConflict((oc) => oc.columns(['round_id', 'name']).doUpdateSet({ content, updated_at: at, updated_by: input.actorId }))
        .execute();
    }
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: input.replace ? 'round.uploaded' : 'round.file_saved',
      entity: 'round',
      entityId: input.roundId,
      data: {
        version: bumped.version,
        ...(input.summary ? { edit: input.summary.join(' ') } : {}),
        files: Object.fromEntries(Object.entries(input.files).map(([k, v]) => [k, sha256Hex(v)])),
      },
    });
    return { refused: undefined, current: bumped.version } as const;
  });
  if (r.refused === 'missing') return roundsFail('ROUND_NOT_STORED', { roundId: input.roundId });
  if (r.refused === 'published') return roundsFail('ROUND_PUBLISHED', { roundId: input.roundId });
  if (r.refused === 'conflict') return roundsFail('ROUND_EDIT_CONFLICT', { roundId: input.roundId, expected: input.ifVersion, current: r.current });
  return { ok: true, version: r.current };
}
