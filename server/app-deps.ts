import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../engine/db/index.ts';
import type { Registry } from '../engine/index.ts';
import type { WorkflowDeps } from '../engine/workflows/index.ts';
import type { ServerConfig } from './config.ts';

/** What the app factory and every router factory receive. */
export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly config: ServerConfig;
  /** Defaults to the real time; tests pass a movable clock. */
  readonly clock?: () => Date;
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
