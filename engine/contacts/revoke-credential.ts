import { inTransaction, type WorkflowDeps } from '../workflows/index.ts';
import { closeCredentials } from './close-credentials.ts';
import { contactsFail, type ContactsFailure } from './contacts-failure.ts';

/**
 * Revokes a municipality's login for a round: the link stops working, an unsent mail is cancelled,
 * the account is disabled and its sessions end. Bulk sends leave it alone until the ministry sends
 * a new login to it by name.
 * @param deps database, clock
 * @param input round, municipality and acting admin
 * @returns ok, or ORGANISATION_NOT_FOUND / NOT_FOUND (no live login)
 */
export async function revokeCredential(
  deps: Pick<WorkflowDeps, 'db' | 'clock'>,
  input: { readonly roundId: string; readonly code: string; readonly actorId: string | null },
): Promise<{ ok: true; credentialId: string } | ContactsFailure> {
  const at = deps.clock().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const org = await trx.selectFrom('organisations').select('id').where('code', '=', input.code).executeTakeFirst();
    if (!org) return contactsFail('ORGANISATION_NOT_FOUND', { code: input.code });
    const id = await closeCredentials(trx, { roundId: input.roundId, organisationId: org.id, status: 'revoked', reason: 'tilbagekaldt', at, actorId: input.actorId });
    if (!id) return contactsFail('NOT_FOUND', { what: `et aktivt login for ${input.code}` });
    return { ok: true as const, credentialId: id };
  });
}
