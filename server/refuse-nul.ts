import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from './errors.ts';

const ESCAPE = Buffer.from('\\u0000');
const BACKSLASH = 0x5c;

/**
 * Whether a JSON text holds a NUL character: an escape `\u0000` that is not itself the tail of an
 * escaped backslash (`\\u0000` is a backslash and the letters u0000).
 * @param buf the raw JSON body
 * @returns true when parsing it would give a string with NUL
 */
export function jsonHasNul(buf: Buffer): boolean {
  for (let i = buf.indexOf(ESCAPE); i >= 0; i = buf.indexOf(ESCAPE, i + 1)) {
    let before = 0;
    while (i - before - 1 >= 0 && buf[i - before - 1] === BACKSLASH) before++;
    if (before % 2 === 0) return true;
  }
  return false;
}

/**
 * body-parser `verify` hooks refusing a body that would carry a NUL character into the answers. Text
 * with NUL cannot be stored on PostgreSQL, and SQLite would keep it; refusing it at the door keeps
 * the two back ends alike and tells the user which character to remove.
 */
export const refuseNul = Object.freeze({
  json(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
    if (jsonHasNul(buf)) throw new AppError('NUL_CHARACTER');
  },
  form(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
    if (buf.includes(0) || buf.includes('%00')) throw new AppError('NUL_CHARACTER');
  },
});
