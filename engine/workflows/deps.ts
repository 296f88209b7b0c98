import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/index.ts';
import type { Registry } from '../registry.ts';

/** What every workflow needs, passed in so tests can supply their own database and clock. */
export interface WorkflowDeps {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  /** The current time; tests inject a fixed clock to cross deadlines without waiting. */
  readonly clock: () => Date;
}

/** The person acting: who they are and, for a respondent, which organisation they speak for. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly organisationId: string | null;
}
