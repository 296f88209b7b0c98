import type { WorkflowDeps } from './deps.ts';
import type { Failure } from './failure.ts';
import { createUser } from './create-user.ts';
import type { HashedPassword } from './password.ts';

/** Whether an admin was created, and the one-time password when one was generated. */
export type FirstAdminResult =
  | { readonly ok: true; readonly created: false }
  | { readonly ok: true; readonly created: true; readonly email: string; readonly generatedPassword?: string };

/**
 * Creates the first ministry admin when the database has none: from the given email and password,
 * or with a generated one-time password the caller prints once.
 * @param deps database, clock
 * @param input the email and, optionally, the password and a hash made ahead (see `hashAhead`)
 * @returns whether one was created
 */
export async function ensureFirstAdmin(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly email: string; readonly password?: string; readonly hashed?: HashedPassword },
): Promise<FirstAdminResult | Failure> {
  const existing = await deps.db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  if (existing) return { ok: true, created: false };
  const r = await createUser(deps, {
    email: input.email,
    navn: 'Administrator',
    role: 'admin',
    ...(input.password ? { password: input.password } : {}),
    ...(input.hashed ? { hashed: input.hashed } : {}),
    actorId: null,
  });
  if (!r.ok) return r;
  return { ok: true, created: true, email: r.user.email, ...(r.generatedPassword ? { generatedPassword: r.generatedPassword } : {}) };
}

/**
 * Whether the database holds no admin yet (or no users table yet: a database not yet migrated).
 * Read outside any lock: it only decides whether to make the first admin's hash ahead.
 * @param deps the database
 * @returns true when the first admin is still to be created
 */
export async function lacksAdmin(deps: Pick<WorkflowDeps, 'db'>): Promise<boolean> {
  try {
    return !(await deps.db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst());
  } catch {
    return true;
  }
}
