/*
 * PostgreSQL is backed up with its own tools, pg_dump and pg_restore; the modules beside this one
 * only build their command lines from the service's DATABASE_URL, so the documented way and the
 * CLI agree.
 */

/** A command line: the program and its arguments (never run through a shell). */
export interface ToolCommand {
  readonly program: 'pg_dump' | 'pg_restore';
  readonly args: readonly string[];
}
