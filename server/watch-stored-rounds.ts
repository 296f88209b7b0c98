import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../engine/db/index.ts';
import type { Registry } from '../engine/index.ts';
import { loadStoredRounds } from '../engine/rounds/index.ts';

/** A running watch; `stop` ends it, `refresh` looks once now. */
export interface RoundWatch {
  refresh(): Promise<readonly string[]>;
  stop(): void;
}

/**
 * Looks for rounds published by another instance (they live in the database) every `everyMs`, and
 * serves them from then on: without it an instance would serve a round published elsewhere only
 * after a restart. A published round that fails its hash check is logged and left out, never
 * served with the wrong forms; the instance goes on serving the rest.
 * @param deps the database, the registry the app serves from, the logger
 * @param everyMs the interval; 0 starts no timer (refresh by hand)
 * @returns the watch
 */
export function watchStoredRounds(deps: { readonly db: Kysely<Database>; readonly registry: Registry; readonly logger: Logger }, everyMs: number): RoundWatch {
  let running: Promise<readonly string[]> | undefined;
  const refresh = (): Promise<readonly string[]> => {
    // One look at a time: a slow database must not pile up overlapping loads.
    running ??= loadStoredRounds(deps)
      .then((r) => {
        if (!r.ok) {
          deps.logger.error({ code: r.code, params: r.params }, 'a round published elsewhere cannot be served');
          return [];
        }
        if (r.loaded.length > 0) deps.logger.info({ rounds: r.loaded }, 'rounds published elsewhere now served');
        return r.loaded;
      })
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'looking for published rounds failed');
        return [];
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = everyMs > 0 ? setInterval(() => void refresh(), everyMs) : undefined;
  timer?.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
