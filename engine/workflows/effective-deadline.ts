import type { Transaction, Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import type { FoundForm } from './find-form.ts';
import { deadlineEnd } from './deadline-end.ts';

/** A form's deadline for one organisation: the round's date, or a granted extension's. */
export interface EffectiveDeadline {
  /** The round's inclusive date, when the form has one. */
  readonly frist: string | null;
  /** The extension's inclusive date, when granted. */
  readonly extendedUntil: string | null;
  /** The first instant submitting is refused, or null when never. */
  readonly closesAt: Date | null;
}

/**
 * Reads a form's deadline for an organisation, taking any extension into account.
 * @param db database or open transaction
 * @param found the form
 * @param organisationId the organisation
 * @returns the dates and the instant the form closes for it
 */
export async function effectiveDeadline(
  db: Kysely<Database> | Transaction<Database>,
  found: FoundForm,
  organisationId: string,
): Promise<EffectiveDeadline> {
  const ext = await db
    .selectFrom('extensions')
    .select('until')
    .where('round_id', '=', found.round.id)
    .where('form_name', '=', found.form.name)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return deadlineOf(found, ext?.until ?? null);
}

/**
 * A form's deadline given the organisation's extension date, if any (no database access).
 * @param found the form
 * @param extendedUntil the extension's inclusive date, or null
 * @returns the dates and the instant the form closes
 */
export function deadlineOf(found: FoundForm, extendedUntil: string | null): EffectiveDeadline {
  const datoer = (found.round.settings.datoer ?? {}) as Record<string, string>;
  const frist = found.info.frist ? (datoer[found.info.frist] ?? null) : null;
  if (!frist) return { frist: null, extendedUntil: null, closesAt: null };
  const tz = String(found.round.settings.tidszone ?? 'Europe/Copenhagen');
  const base = deadlineEnd(frist, tz);
  const extended = extendedUntil ? deadlineEnd(extendedUntil, tz) : null;
  const closesAt = extended && extended.getTime() > base.getTime() ? extended : base;
  return { frist, extendedUntil, closesAt };
}
