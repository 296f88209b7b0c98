import type { Kysely } from 'kysely';
import type { Database, Role, User } from '../engine/db/index.ts';

/** A user as the API shows it: no password hash. */
export interface PublicUser {
  readonly id: string;
  readonly email: string;
  readonly navn: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
  readonly organisation: { readonly id: string; readonly code: string; readonly navn: string } | null;
}

/**
 * Builds the public view of a user, with its organisation.
 * @param db the database
 * @param user the row
 * @returns the view
 */
export async function publicUser(db: Kysely<Database>, user: User): Promise<PublicUser> {
  const org = user.organisation_id
    ? await db.selectFrom('organisations').select(['id', 'code', 'navn']).where('id', '=', user.organisation_id).executeTakeFirst()
    : undefined;
  return {
    id: user.id,
    email: user.email,
    navn: user.navn,
    role: user.role,
    mustChangePassword: user.must_change_password === 1,
    organisation: org ?? null,
  };
}
