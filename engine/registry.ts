import type { CompiledForm } from './types.ts';
import type { Round } from './compile-round.ts';

/** The rounds loaded at start-up; the only place forms are looked up, never compiled. */
export interface Registry {
  readonly rounds: readonly Round[];
  round(id: string): Round | undefined;
  form(roundId: string, name: string): CompiledForm | undefined;
  /** The newest round (by id), which `npm start` serves. */
  current(): Round | undefined;
  /** The round before this one: its `forrigeRunde`, else the one sorted just before it. */
  previous(roundId: string): Round | undefined;
}

/**
 * Builds a registry over compiled rounds.
 * @param rounds the rounds
 * @returns a frozen registry
 */
export function createRegistry(rounds: readonly Round[]): Registry {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const sorted = Object.freeze([...rounds].sort((a, b) => a.id.localeCompare(b.id)));
  return Object.freeze({
    rounds: sorted,
    round: (id: string) => byId.get(id),
    form: (roundId: string, name: string) => byId.get(roundId)?.forms.get(name),
    current: () => sorted[sorted.length - 1],
    previous: (roundId: string) => {
      const named = byId.get(roundId)?.settings.forrigeRunde;
      if (typeof named === 'string') return byId.get(named);
      const i = sorted.findIndex((r) => r.id === roundId);
      return i > 0 ? sorted[i - 1] : undefined;
    },
  });
}
