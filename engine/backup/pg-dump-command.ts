import { libpqUrl } from './libpq-url.ts';
import { searchPathSchema } from './search-path-schema.ts';
import type { ToolCommand } from './tool-command.ts';

/**
 * pg_dump in its custom format (compressed, restorable table by table), without owners and
 * grants so it restores into another cluster; limited to the service's schema when the URL names one.
 * @param url DATABASE_URL
 * @param out the dump file
 * @returns the command
 */
export function pgDumpCommand(url: string, out: string): ToolCommand {
  const schema = searchPathSchema(url);
  return {
    program: 'pg_dump',
    args: ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, ...(schema ? [`--schema=${schema}`] : []), `--dbname=${libpqUrl(url)}`],
  };
}
