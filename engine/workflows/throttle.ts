/** Limits on failed logins within a sliding window, per account and per client address. */
export interface ThrottleOptions {
  readonly maxPerAccount: number;
  readonly maxPerIp: number;
  readonly windowMinutes: number;
}

/** Five wrong passwords lock an account for a quarter of an hour; an address gets twenty. */
export const DEFAULT_THROTTLE: ThrottleOptions = Object.freeze({ maxPerAccount: 5, maxPerIp: 20, windowMinutes: 15 });
