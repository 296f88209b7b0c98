import { hash, randomBytes, randomUUID } from 'node:crypto';

/** A new random primary key. */
export function newId(): string {
  return randomUUID();
}

/** A random URL-safe secret of 32 bytes (session tokens, CSRF tokens). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a string (one call: no Hash object, about a third faster for short texts). */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
