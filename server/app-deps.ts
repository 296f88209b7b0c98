import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../engine/db/index.ts';
import type { Registry } from '../engine/index.ts';
import type { WorkflowDeps } from '../engine/workflows/index.ts';
import type { ServerConfig } from './config.ts';

/** What the app factory and every router factory receive. */
/** A round the service could not serve, and why (file, JSON Pointer, Danish message). */
export interface RoundProblem {
  readonly round: string;
  readonly issues: readonly { readonly file: string; readonly pointer: string; readonly message: string }[];
}

export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly config: ServerConfig;
  /** Defaults to the real time; tests pass a movable clock. */
  readonly clock?: () => Date;
  /** Rounds left out at start-up (a broken folder, a contract changed after answers), shown to admins. */
  readonly roundProblems?: readonly RoundProblem[];
  /** True while the service is stopping: the readiness check answers 503 so a proxy sends elsewhere. */
  readonly draining?: () => boolean;
  /**
   * Draws a QR code of a text as SVG markup, for the TOTP enrolment page; without it the page
   * offers the otpauth link and the secret to type in.
   */
  readonly qrSvg?: (text: string) => string | Promise<string>;
}

/**
 * The workflow dependencies derived from the app's.
 * @param deps the app's dependencies
 * @returns database, registry and clock
 */
export function workflowDeps(deps: AppDeps): WorkflowDeps {
  return { db: deps.db, registry: deps.registry, clock: deps.clock ?? (() => new Date()) };
}
