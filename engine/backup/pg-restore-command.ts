import { libpqUrl } from './libpq-url.ts';
import type { ToolCommand } from './tool-command.ts';

/**
 * pg_restore in one transaction that first drops what the dump recreates, so a restore over the
 * service's live tables replaces them whole or, on any error, changes nothing.
 * @param url DATABASE_URL of the target
 * @param file the dump file
 * @returns the command
 */
export function pgRestoreCommand(url: string, file: string): ToolCommand {
  return {
    program: 'pg_restore',
    args: ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${libpqUrl(url)}`, file],
  };
}
