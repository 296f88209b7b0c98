/** A session ends 12 hours after login at the latest. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** A session unused for 2 hours ends. */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** `last_seen_at` is written at most once a minute, so reads stay reads. */
export const SESSION_TOUCH_MS = 60_000;
