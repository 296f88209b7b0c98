import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

// Per database handle, the rounds this process has seen opened. Opening is permanent, so a round
// remembered here needs no further "mark opened" statement on each save.
const memo = new WeakMap<Kysely<Database>, Set<string>>();

/**
 * Whether this process already committed or saw a write that opened the round.
 * @param db the database handle
 * @param roundId the round
 * @returns true when known open
 */
export function isKnownOpen(db: Kysely<Database>, roundId: string): boolean {
  return memo.get(db)?.has(roundId) ?? false;
}

/**
 * Remembers that a committed write opened the round (call after the commit, never before).
 * @param db the database handle
 * @param roundId the round
 */
export function rememberOpen(db: Kysely<Database>, roundId: string): void {
  let set = memo.get(db);
  if (!set) memo.set(db, (set = new Set()));
  set.add(roundId);
}
