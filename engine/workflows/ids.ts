import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random primary key. */
export function newId(): string {
  return randomUUID();
}

/** A random URL-safe secret of 32 bytes (session tokens, CSRF tokens). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
