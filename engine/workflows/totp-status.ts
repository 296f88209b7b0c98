import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** Whether a user has a second factor, and how many recovery codes are left. */
export interface TotpStatus {
  readonly enrolled: boolean;
  readonly recoveryCodesLeft: number;
}

/**
 * Reads a user's second-factor status.
 * @param db the database
 * @param userId the user
 * @returns the status
 */
export async function totpStatus(db: Kysely<Database>, userId: string): Promise<TotpStatus> {
  const row = await db.selectFrom('user_totp').select(['confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
  if (!row?.confirmed_at) return { enrolled: false, recoveryCodesLeft: 0 };
  const left = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enrolled: true, recoveryCodesLeft: Number(left.n) };
}
