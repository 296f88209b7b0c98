import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, StoredRound } from '../db/index.ts';
import { readRoundFolder } from '../read-round-folder.ts';
import { ROUND_ID } from './copy-round-sources.ts';

/** A round's files and where they are kept. */
export interface RoundSources {
  readonly id: string;
  /** `files`: a folder under `schemas/` (edited in the repository); `database`: a stored round. */
  readonly origin: 'files' | 'database';
  readonly sources: Readonly<Record<string, string>>;
  /** The stored round's row, for a round kept in the database. */
  readonly stored?: StoredRound;
}

/**
 * The files of a stored round, by name.
 * @param db the database
 * @param roundId the round
 * @returns name → text (empty when the round has no files)
 */
export async function storedFiles(db: Kysely<Database>, roundId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('stored_round_files').select(['name', 'content']).where('round_id', '=', roundId).orderBy('name').execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.content]));
}

/**
 * Reads a round's files: from the database when it is a stored round, else from its folder under
 * `schemas/` (the same files `readRoundFiles` reads).
 * @param deps the database and the schemas folder
 * @param roundId the round
 * @returns the files, or undefined when no such round exists
 */
export async function readRoundSources(deps: { readonly db: Kysely<Database>; readonly schemasDir: string }, roundId: string): Promise<RoundSources | undefined> {
  if (!ROUND_ID.test(roundId)) return undefined;
  const stored = await deps.db.selectFrom('stored_rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (stored) return { id: roundId, origin: 'database', sources: await storedFiles(deps.db, roundId), stored };
  const sources = await readRoundFolder(path.join(deps.schemasDir, roundId));
  return 'round.json' in sources ? { id: roundId, origin: 'files', sources } : undefined;
}
