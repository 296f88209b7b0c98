import { newSecret } from '../workflows/index.ts';

/**
 * A password hash no password matches (verifyPassword only accepts `scrypt$…`): an account waiting
 * for its set-password link, or closed, cannot be logged into, and costs no scrypt to write.
 * @returns the hash text
 */
export function lockedPasswordHash(): string {
  return `locked$${newSecret()}`;
}
