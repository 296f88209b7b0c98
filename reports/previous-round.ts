import type { Registry, Round } from '../engine/index.ts';

/**
 * The round before the given one in the registry (rounds sort by id), for the change from last
 * year; undefined for the first round.
 * @param registry the loaded rounds
 * @param roundId the round
 * @returns the previous round, if any
 */
export function previousRound(registry: Registry, roundId: string): Round | undefined {
  const i = registry.rounds.findIndex((r) => r.id === roundId);
  return i > 0 ? registry.rounds[i - 1] : undefined;
}
