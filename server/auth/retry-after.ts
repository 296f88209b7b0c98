import type { Response } from 'express';

/**
 * Sets `Retry-After` when an error's values carry the seconds to wait (TOO_MANY_ATTEMPTS).
 * @param res the response
 * @param params the error's values
 */
export function setRetryAfter(res: Response, params: Readonly<Record<string, string | number>> | undefined): void {
  const seconds = params?.retryAfter;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) res.set('Retry-After', String(Math.ceil(seconds)));
}
