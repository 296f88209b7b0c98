import { sql, type Kysely, type SelectQueryBuilder, type UpdateQueryBuilder } from 'kysely';
import type { Database, Submission } from '../db/index.ts';
import { auditChainOf } from './append-audit.ts';

/** The audit entry a write adds for the submission it writes, by the write's actor at its time. */
export interface SubmissionEntry {
  readonly action: string;
  /** Stored as JSON text, with `version` (first) set to the row's new version by the statement. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** How a prepared query takes an entry: its data's JSON text around the version. */
export type SubmissionEntryParams = { at: string; actorId: string; action: string; dataBefore: string; dataAfter: string; chainPrefix: string };

const VERSION = '{"version":';

/**
 * An entry's values for {@link withSubmissionEntry}: the data is JSON.stringify's text with the
 * version, written by the database in decimal as JSON.stringify writes an integer.
 * @param at the write's time
 * @param actorId who writes
 * @param entry the entry
 * @returns the values
 */
export function submissionEntryParams(at: string, actorId: string, entry: SubmissionEntry): SubmissionEntryParams {
  const { version: _, ...rest } = entry.data;
  const text = JSON.stringify({ version: 0, ...rest });
  return { at, actorId, action: entry.action, dataBefore: VERSION, dataAfter: text.slice(`${VERSION}0`.length), chainPrefix: auditChainOf('submission', '') };
}

/**
 * An update of submissions (returning the rows) and, for each row it writes, its audit entry
 * appended through `audit_append` as appendAudit does, in one statement: a data-modifying WITH is
 * atomic without a transaction, so the write costs one round trip instead of four (begin, update,
 * entry, commit). PostgreSQL only (see `writesWithCte`).
 * @param db the database
 * @param update the update, returning all columns
 * @param p the entry's values (placeholders when prepared)
 * @returns the query, selecting the written rows
 */
export function withSubmissionEntry(
  db: Kysely<Database>,
  update: UpdateQueryBuilder<Database, 'submissions', 'submissions', Submission>,
  p: SubmissionEntryParams,
): SelectQueryBuilder<Database & { w: Submission }, 'w', Submission> {
  // Parameters in a select list have no type to infer, hence the casts.
  const text = (v: string) => sql<string>`cast(${v} as text)`;
  return db
    .with('w', () => update)
    .with('entry', (db) =>
      db
        .insertInto('audit_append')
        .columns(['at', 'actor_id', 'action', 'entity', 'entity_id', 'data', 'chain'])
        .expression(
          db
            .selectFrom('w')
            .select([
              text(p.at).as('at'),
              text(p.actorId).as('actor_id'),
              text(p.action).as('action'),
              sql<string>`'submission'`.as('entity'),
              'w.id',
              sql<string>`${text(p.dataBefore)} || w.version || ${text(p.dataAfter)}`.as('data'),
              sql<string>`${text(p.chainPrefix)} || w.id`.as('chain'),
            ]),
        ),
    )
    .selectFrom('w')
    .selectAll('w') as unknown as SelectQueryBuilder<Database & { w: Submission }, 'w', Submission>;
}
