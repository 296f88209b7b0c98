import { timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';
import { base32Encode } from './base32.ts';

/** Seconds per code (RFC 6238's default, what every authenticator app uses). */
export const TOTP_PERIOD = 30;
/** Digits per code. */
export const TOTP_DIGITS = 6;

/**
 * The time step a moment falls in.
 * @param at the moment
 * @returns the step (Unix seconds / 30, rounded down)
 */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
}

/**
 * The code of a time step (HOTP of RFC 4226 over HMAC-SHA1, as RFC 6238 and the apps use).
 * @param secret the shared secret
 * @param step the time step
 * @returns six digits
 */
export function totpCode(secret: Uint8Array, step: number): string {
  // otplib computes the code at a moment; the step's first second names the step exactly.
  return authenticator.clone({ epoch: step * TOTP_PERIOD * 1000, step: TOTP_PERIOD, digits: TOTP_DIGITS }).generate(base32Encode(secret));
}

/**
 * Finds the step a typed code belongs to, allowing one step either side for clock drift and
 * refusing steps at or before the last one accepted, so a code works once.
 * @param secret the shared secret
 * @param code what the person typed (spaces ignored)
 * @param at now
 * @param lastStep the step of the last accepted code, if any
 * @returns the matched step, or undefined
 */
export function matchTotp(secret: Uint8Array, code: string, at: Date, lastStep: number | null): number | undefined {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const now = totpStep(at);
  let found: number | undefined;
  // Every candidate is compared, so the time taken does not tell which step matched.
  for (const step of [now - 1, now, now + 1]) {
    const same = timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(typed));
    if (same && found === undefined && (lastStep === null || step > lastStep)) found = step;
  }
  return found;
}

/**
 * The otpauth URI an authenticator app reads from the QR code.
 * @param issuer the service's name
 * @param account the user's e-mail
 * @param secret base32 secret
 * @returns the URI
 */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD) });
  return `otpauth://totp/${label}?${q.toString()}`;
}
