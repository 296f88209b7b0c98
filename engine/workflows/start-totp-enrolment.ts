import { randomBytes } from 'node:crypto';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { base32Encode } from './base32.ts';
import { otpauthUri } from './totp.ts';

/** A secret waiting to be confirmed, as the enrolment page shows it. */
export interface TotpEnrolment {
  readonly ok: true;
  /** Base32, for typing into the app by hand. */
  readonly secret: string;
  /** The otpauth URI the QR code holds. */
  readonly uri: string;
}

/**
 * Gives a user a TOTP secret to add to an authenticator app. A secret not yet confirmed is shown
 * again rather than replaced, so two open pages (or a wrong code) do not leave the app with a
 * secret the service has forgotten.
 * @param deps database, clock
 * @param input the user and the issuer name the app shows
 * @returns the secret and its URI, or MFA_ALREADY_ENROLLED / NOT_FOUND
 */
export async function startTotpEnrolment(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly userId: string; readonly issuer: string },
): Promise<TotpEnrolment | Failure> {
  const user = await deps.db.selectFrom('users').select(['email']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) return fail('NOT_FOUND', { what: 'brugeren' });
  const row = await deps.db.selectFrom('user_totp').select(['secret', 'confirmed_at']).where('user_id', '=', input.userId).executeTakeFirst();
  if (row?.confirmed_at) return fail('MFA_ALREADY_ENROLLED');
  let secret = row?.secret;
  if (!secret) {
    // 160 bits, the HMAC-SHA1 key length RFC 4226 recommends.
    secret = base32Encode(randomBytes(20));
    await deps.db.insertInto('user_totp').values({ user_id: input.userId, secret, confirmed_at: null, last_step: null, created_at: deps.clock().toISOString() }).execute();
  }
  return { ok: true, secret, uri: otpauthUri(input.issuer, user.email, secret) };
}
