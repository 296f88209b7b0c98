import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * New recovery codes: 10 characters of a 31-letter alphabet (about 50 bits), enough that a plain
 * SHA-256 of each is safe to store and the throttle makes guessing hopeless.
 * @param count how many
 * @returns codes as `xxxxx-xxxxx`
 */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

/**
 * The stored form of a recovery code; case, spaces and dashes do not matter.
 * @param code the code as given or typed
 * @returns SHA-256 hex of the normalised code
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
