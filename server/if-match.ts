import type { Request } from 'express';
import { AppError } from './errors.ts';

/**
 * Reads the version a client saw from `If-Match` (`"3"`, `W/"3"` or `3`); 0 means "nothing saved".
 * @param req the request
 * @param required whether a missing header is an error (428 VERSION_REQUIRED)
 * @returns the version, or undefined when absent and optional
 */
export function parseIfMatch(req: Request, required: true): number;
export function parseIfMatch(req: Request, required: false): number | undefined;
export function parseIfMatch(req: Request, required: boolean): number | undefined {
  const raw = req.get('if-match');
  if (raw === undefined || raw.trim() === '') {
    if (required) throw new AppError('VERSION_REQUIRED');
    return undefined;
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw new AppError('INVALID_INPUT', { field: 'If-Match' });
  return Number(m[1]);
}

/**
 * The ETag for a version, as clients send it back in If-Match.
 * @param version the version
 * @returns e.g. `"3"`
 */
export function etag(version: number): string {
  return `"${version}"`;
}
