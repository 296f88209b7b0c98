import type { CompiledForm } from './types.ts';
import type { Round } from './compile-round.ts';

/** The rounds in service; the only place forms are looked up, never compiled. */
export interface Registry {
  /** Every round, sorted by id. */
  readonly rounds: readonly Round[];
  round(id: string): Round | undefined;
  form(roundId: string, name: string): CompiledForm | undefined;
  /** The newest round (by id), which `npm start` serves. */
  current(): Round | undefined;
  /**
   * The round before this one: the one its `forrigeRunde` names, when served; none when it names
   * none (a round of another kind sorts beside a round it has nothing to do with).
   */
  previous(roundId: string): Round | undefined;
  /**
   * Adds or replaces a round compiled elsewhere (an admin creating or editing next year's round).
   * Compiling happens in that action, once; lookups stay plain map reads.
   */
  put(round: Round): void;
  /** Takes a round out of service (its files changed what its submitted answers were validated against). */
  remove(roundId: string): void;
}

/**
 * Builds a registry over compiled rounds.
 * @param rounds the rounds loaded at start-up
 * @returns the registry
 */
export function createRegistry(rounds: readonly Round[]): Registry {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  let sorted: readonly Round[] = [];
  const sort = (): void => {
    sorted = Object.freeze([...byId.values()].sort((a, b) => a.id.localeCompare(b.id)));
  };
  sort();
  return Object.freeze({
    get rounds() {
      return sorted;
    },
    round: (id: string) => byId.get(id),
    form: (roundId: string, name: string) => byId.get(roundId)?.forms.get(name),
    current: () => sorted[sorted.length - 1],
    previous: (roundId: string) => {
      const named = byId.get(roundId)?.settings.forrigeRunde;
      return typeof named === 'string' && named !== roundId ? byId.get(named) : undefined;
    },
    put: (round: Round) => {
      byId.set(round.id, round);
      sort();
    },
    remove: (roundId: string) => {
      if (byId.delete(roundId)) sort();
    },
  });
}
