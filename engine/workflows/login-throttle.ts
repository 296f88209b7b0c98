import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Kysely } from 'kysely';
import { createRateLimiter, type Database } from '../db/index.ts';
import { fail, type Failure } from './failure.ts';
import { sha256Hex } from './ids.ts';
import { DEFAULT_THROTTLE, throttleDelaySeconds, type ThrottleOptions } from './throttle.ts';

/** An attempt the throttle let through: report how the secret checked out. */
export interface ThrottledAttempt {
  readonly ok: true;
  /** The secret was right: the account's and the pair's failures are forgotten. */
  succeeded(): Promise<void>;
  /** The secret was wrong: once the free failures are used up, the account pauses from now. */
  failed(): Promise<void>;
}

/** Guards every place a password or code is checked, with counters shared by all instances. */
export interface LoginThrottle {
  readonly options: ThrottleOptions;
  /**
   * Counts an attempt before the secret is checked, so attempts sent at once are counted one by one
   * and those past a limit are refused without a check; an attempt that does not report success
   * stays counted as a failure.
   * @param account the e-mail the attempt is for
   * @param ip the client's address
   * @returns the attempt, or TOO_MANY_ATTEMPTS with `retryAfter` seconds
   */
  begin(account: string, ip: string): Promise<ThrottledAttempt | Failure>;
}

/**
 * Danish words for a wait, as the message shows it.
 * @param seconds the wait
 * @returns e.g. "1 sekund", "40 sekunder", "5 minutter"
 */
export function danishWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 sekund' : `${seconds} sekunder`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minut' : `${minutes} minutter`;
}

function tooMany(msBeforeNext: number): Failure {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return fail('TOO_MANY_ATTEMPTS', { retryAfter, ventetid: danishWait(retryAfter) });
}

/** Consumes a point; a refusal is data, a store error is thrown. */
async function consume(limiter: RateLimiterAbstract, key: string, options?: { customDuration: number }): Promise<{ ok: boolean; res: RateLimiterRes }> {
  try {
    return { ok: true, res: await limiter.consume(key, 1, options) };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { ok: false, res: e };
    throw e;
  }
}

/**
 * rate-limiter-flexible's brute-force recipe (consecutive failures per account and address, slow
 * guessing per address) with express-brute's growing pause per account instead of a lockout.
 * @param db a kysely instance opened by createDatabase
 * @param options the limits
 * @returns the throttle
 */
export function createLoginThrottle(db: Kysely<Database>, options: ThrottleOptions = DEFAULT_THROTTLE): LoginThrottle {
  const o = Object.freeze({ ...options });
  const byIp = createRateLimiter(db, { keyPrefix: 'adresse', points: o.ipFailures, duration: o.ipWindowSeconds });
  const byPair = createRateLimiter(db, { keyPrefix: 'konto-adresse', points: o.pairFailures, duration: o.pairBlockSeconds, blockDuration: o.pairBlockSeconds });
  // Counts only; it never refuses (the pause below does).
  const failures = createRateLimiter(db, { keyPrefix: 'konto', points: Number.MAX_SAFE_INTEGER, duration: o.failureMemorySeconds });
  // A failure past the free ones blocks the account's key for its pause; the one attempt let through
  // after a pause holds the key for the next pause, so a burst arriving together passes one at a time.
  const pause = createRateLimiter(db, { keyPrefix: 'konto-pause', points: 1, duration: o.firstDelaySeconds });

  return Object.freeze({
    options: o,
    async begin(account: string, ip: string): Promise<ThrottledAttempt | Failure> {
      const a = sha256Hex(account.trim().toLowerCase());
      const pair = `${a}:${ip}`;
      const ipPoint = await consume(byIp, ip);
      if (!ipPoint.ok) return tooMany(ipPoint.res.msBeforeNext);
      // A refused attempt checked nothing, so it is given back to the counters it passed.
      const pairPoint = await consume(byPair, pair);
      if (!pairPoint.ok) {
        await byIp.reward(ip);
        return tooMany(pairPoint.res.msBeforeNext);
      }
      const counted = await consume(failures, a);
      // Attempts still being checked count as failures, so a burst cannot all pass as free.
      const before = counted.res.consumedPoints - 1;
      const wait = throttleDelaySeconds(o, before);
      if (wait > 0) {
        const gate = await consume(pause, a, { customDuration: wait });
        if (!gate.ok) {
          await Promise.all([byIp.reward(ip), byPair.reward(pair), failures.reward(a)]);
          return tooMany(gate.res.msBeforeNext);
        }
      }
      return {
        ok: true as const,
        async succeeded() {
          await Promise.all([byIp.reward(ip), byPair.delete(pair), failures.delete(a), pause.delete(a)]);
        },
        async failed() {
          const next = throttleDelaySeconds(o, before + 1);
          if (next > 0) await pause.block(a, next);
        },
      };
    },
  });
}

const defaults = new WeakMap<Kysely<Database>, LoginThrottle>();

/**
 * The throttle with the service's default limits for a database, made once per database.
 * @param db a kysely instance opened by createDatabase
 * @returns the throttle
 */
export function defaultLoginThrottle(db: Kysely<Database>): LoginThrottle {
  let t = defaults.get(db);
  if (!t) defaults.set(db, (t = createLoginThrottle(db)));
  return t;
}
