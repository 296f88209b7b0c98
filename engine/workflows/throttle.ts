/**
 * Limits on failed attempts at a password or a code. An account is slowed, never locked: after
 * `freeFailures` failures in a day, one attempt is let through per pause, and the pause doubles with
 * each further failure up to `maxDelaySeconds`. One address guessing one account is stopped for
 * `pairBlockSeconds` after `pairFailures` failures in a row; an address is stopped only after
 * `ipFailures` failures within `ipWindowSeconds`, far above what an office behind one address makes.
 */
export interface ThrottleOptions {
  readonly freeFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** How long an account's failures are remembered without a success. */
  readonly failureMemorySeconds: number;
  readonly pairFailures: number;
  readonly pairBlockSeconds: number;
  readonly ipFailures: number;
  readonly ipWindowSeconds: number;
}

/** The service's limits: 5 free failures, then pauses of 1 s doubling to 5 minutes; 10 from one address to one account; 200 an hour from one address. */
export const DEFAULT_THROTTLE: ThrottleOptions = Object.freeze({
  freeFailures: 5,
  firstDelaySeconds: 1,
  maxDelaySeconds: 300,
  failureMemorySeconds: 24 * 60 * 60,
  pairFailures: 10,
  pairBlockSeconds: 15 * 60,
  ipFailures: 200,
  ipWindowSeconds: 60 * 60,
});

/**
 * The pause before the next attempt at an account that has failed `failures` times.
 * @param options the limits
 * @param failures failures so far
 * @returns seconds (0 while failures are free)
 */
export function throttleDelaySeconds(options: ThrottleOptions, failures: number): number {
  if (failures < options.freeFailures) return 0;
  return Math.min(options.firstDelaySeconds * 2 ** (failures - options.freeFailures), options.maxDelaySeconds);
}
