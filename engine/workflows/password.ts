import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds per hash). */
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEYLEN = 32;
/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, { ...o, maxmem: 128 * (o.N ?? 1) * (o.r ?? 8) * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with scrypt and a random salt.
 * @param password the plain password
 * @returns `scrypt$N$r$p$salt$key`, salt and key base64url
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time.
 * @param password the plain password
 * @param stored the output of hashPassword
 * @returns whether it matches
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, compared against for unknown accounts so timing does not reveal them. */
export const DUMMY_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`;

/**
 * A readable random password for first logins (20 characters, no look-alike letters).
 * @returns the password
 */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A password and its hash, made ahead of the write that stores it. */
export interface HashedPassword {
  readonly password: string;
  readonly hash: Promise<string>;
}

/**
 * Starts hashing a password (a generated one-time password when none is given) on the thread pool
 * and returns at once, so the hash is made while the caller does other work.
 * @param password the password, or undefined for a generated one
 * @returns the password and its hash under way
 */
export function hashAhead(password?: string): HashedPassword {
  const plain = password ?? generatePassword();
  const hash = hashPassword(plain);
  // Made ahead and perhaps never used (an admin turned out to exist): an unused failure is no error.
  hash.catch(() => {});
  return { password: plain, hash };
}
