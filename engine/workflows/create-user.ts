import type { Role, User } from '../db/index.ts';
import type { WorkflowDeps } from './deps.ts';
import { fail, type Failure } from './failure.ts';
import { newId } from './ids.ts';
import { inTransaction } from './in-transaction.ts';
import { appendAudit } from './append-audit.ts';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH, type HashedPassword } from './password.ts';
import { passwordWeakness } from './password-weakness.ts';

/** A new account. A respondent names its organisation by code; other roles name none. */
export interface CreateUserInput {
  readonly email: string;
  readonly navn: string;
  readonly role: Role;
  readonly code?: string;
  /** Omitted: a one-time password is generated, returned once, and must be changed at first login. */
  readonly password?: string;
  /**
   * A password with its hash already under way (the first admin's, hashed while the service
   * starts): used when it is `password`, or as the one-time password when `password` is omitted.
   */
  readonly hashed?: HashedPassword;
  readonly actorId: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLES: readonly Role[] = ['admin', 'analyst', 'respondent'];

/**
 * Creates a user with a scrypt-hashed password.
 * @param deps database, clock
 * @param input the account
 * @returns the user and, when generated, the one-time password; or INVALID_INPUT, WEAK_PASSWORD,
 *   ORGANISATION_NOT_FOUND, EMAIL_TAKEN
 */
export async function createUser(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: CreateUserInput,
): Promise<{ ok: true; user: User; generatedPassword?: string } | Failure> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return fail('INVALID_INPUT', { field: 'email' });
  const navn = input.navn.trim();
  if (navn.length === 0 || navn.length > 200) return fail('INVALID_INPUT', { field: 'navn' });
  if (!ROLES.includes(input.role)) return fail('INVALID_INPUT', { field: 'role' });
  if ((input.role === 'respondent') !== (input.code !== undefined)) return fail('INVALID_INPUT', { field: 'code' });
  if (input.password !== undefined) {
    const weak = await passwordWeakness(input.password, { email, name: navn });
    if (weak) return fail('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH, grund: weak });
  }
  const generatedPassword = input.password === undefined ? (input.hashed?.password ?? generatePassword()) : undefined;
  const plain = input.password ?? generatedPassword!;
  const passwordHash = input.hashed?.password === plain ? await input.hashed.hash : await hashPassword(plain);
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    let organisationId: string | null = null;
    if (input.code !== undefined) {
      const org = await trx.selectFrom('organisations').select('id').where('code', '=', input.code).executeTakeFirst();
      if (!org) return fail('ORGANISATION_NOT_FOUND', { code: input.code });
      organisationId = org.id;
    }
    const user = {
      id: newId(),
      email,
      navn,
      role: input.role,
      organisation_id: organisationId,
      password_hash: passwordHash,
      must_change_password: generatedPassword ? 1 : 0,
      disabled: 0,
      created_at: at,
      updated_at: at,
    };
    const r = await trx.insertInto('users').values(user).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return fail('EMAIL_TAKEN', { email });
    await appendAudit(trx, {
      at,
      actorId: input.actorId,
      action: 'user.created',
      entity: 'user',
      entityId: user.id,
      data: { email, role: input.role, organisationId },
    });
    return { ok: true as const, user, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}
